package fi.suoja.jpa.internal;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.jpa.SuojaJpaSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hibernate.engine.jdbc.connections.spi.JdbcConnectionAccess;
import org.hibernate.engine.jdbc.spi.JdbcServices;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What protects the JDBC connection, read from the URL and the driver properties Hibernate passes
 * on ({@code hibernate.connection.<name>}), and the boot-time refusal of an unprotected connection
 * to another machine. Never repeats the URL in a message: it may hold a password.
 *
 * <p>Counted as <em>verified</em> TLS (accepted in {@code strict} mode): PostgreSQL {@code
 * sslmode=verify-ca|verify-full}, or {@code ssl=true} without {@code sslmode} (pgjdbc then verifies
 * like verify-full); MariaDB Connector/J 3.x {@code sslMode=verify-ca|verify-full}. Counted as
 * <em>unverified</em> TLS (accepted only in {@code encrypted} mode): PostgreSQL {@code
 * sslmode=require}, MariaDB {@code sslMode=trust}, H2 {@code ssl://}. Everything else to a
 * non-loopback host is unprotected.
 */
public final class TransportSecurity {
  private static final Logger LOG = LoggerFactory.getLogger(TransportSecurity.class);

  /** How strictly the connection is checked ({@link SuojaJpaSettings#TRANSPORT_SECURITY}). */
  public enum Mode {
    STRICT,
    ENCRYPTED,
    OFF
  }

  /** What was found. */
  public enum Protection {
    IN_PROCESS("in-process database (no network)"),
    LOOPBACK("loopback connection (does not leave the machine)"),
    TLS_VERIFIED("TLS with server certificate verification"),
    TLS_UNVERIFIED("TLS without server certificate verification"),
    NONE("no TLS"),
    UNKNOWN("unknown (the JDBC URL could not be read or the driver is not recognised)");

    private final String description;

    Protection(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }

  /**
   * The assessment of one connection.
   *
   * @param database {@code h2}, {@code postgresql}, {@code mariadb} or the URL's sub-protocol
   * @param hosts the hosts named by the URL (empty for in-process databases)
   * @param protection what protects the connection
   * @param setting the driver option that decided, as found (e.g. {@code sslmode=prefer (driver
   *     default)})
   */
  public record Assessment(
      String database, List<String> hosts, Protection protection, String setting) {
    public Assessment {
      hosts = List.copyOf(hosts);
    }

    /** Whether the mode accepts this connection. */
    public boolean acceptedBy(Mode mode) {
      return switch (protection) {
        case IN_PROCESS, LOOPBACK, TLS_VERIFIED -> true;
        case TLS_UNVERIFIED -> mode != Mode.STRICT;
        default -> mode == Mode.OFF;
      };
    }
  }

  private TransportSecurity() {}

  /** Parses the mode setting; {@code null} means {@code strict}. */
  public static Mode mode(Object value) {
    String v = value == null ? "strict" : value.toString().trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "strict" -> Mode.STRICT;
      case "encrypted" -> Mode.ENCRYPTED;
      case "off" -> Mode.OFF;
      default ->
          throw new SuojaConfigurationException(
              "SUOJA-7102",
              "persistence-unit property '"
                  + SuojaJpaSettings.TRANSPORT_SECURITY
                  + "' must be 'strict', 'encrypted' or 'off', got '"
                  + v
                  + "'");
    };
  }

  /**
   * Assesses a JDBC URL together with the driver properties (keys with or without the {@code
   * hibernate.connection.} prefix; URL options win, as in both drivers).
   */
  public static Assessment assess(String url, Map<String, ?> properties) {
    if (url == null || url.isBlank()) {
      return new Assessment("unknown", List.of(), Protection.UNKNOWN, "no JDBC URL");
    }
    String u = url.trim();
    String lower = u.toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:h2:")) {
      return h2(u.substring("jdbc:h2:".length()));
    }
    if (lower.startsWith("jdbc:postgresql:")) {
      return postgresql(u.substring("jdbc:postgresql:".length()), properties);
    }
    if (lower.startsWith("jdbc:mariadb:")) {
      return mariadb(u.substring("jdbc:mariadb:".length()), properties);
    }
    String kind = lower.startsWith("jdbc:") ? lower.substring(5).split(":", 2)[0] : "unknown";
    return new Assessment(kind, List.of(), Protection.UNKNOWN, "driver not recognised");
  }

  /**
   * Refuses the connection when the mode does not accept it.
   *
   * @throws SuojaConfigurationException {@code SUOJA-7101}, naming the hosts and the setting
   */
  public static void require(Assessment a, Mode mode) {
    if (a.acceptedBy(mode)) {
      return;
    }
    String fix =
        switch (a.database()) {
          case "postgresql" -> "add sslmode=verify-full (or verify-ca) to the JDBC URL";
          case "mariadb" -> "add sslMode=verify-full (or verify-ca) to the JDBC URL";
          case "h2" -> "use an in-process H2 database or a loopback host";
          default -> "use PostgreSQL or MariaDB with verified TLS";
        };
    throw new SuojaConfigurationException(
        "SUOJA-7101",
        "the JDBC connection ("
            + a.database()
            + ", hosts "
            + a.hosts()
            + ") is protected by "
            + a.protection().description()
            + " ["
            + a.setting()
            + "], which "
            + SuojaJpaSettings.TRANSPORT_SECURITY
            + "="
            + mode.name().toLowerCase(Locale.ROOT)
            + " refuses: "
            + fix
            + "; or set the persistence-unit property "
            + SuojaJpaSettings.TRANSPORT_SECURITY
            + "=encrypted to accept unverified TLS, or =off to accept an unprotected connection"
            + " (logged)");
  }

  private static Assessment h2(String rest) {
    String lower = rest.toLowerCase(Locale.ROOT);
    if (lower.startsWith("tcp://") || lower.startsWith("ssl://")) {
      List<String> hosts = hosts(rest.substring(6));
      if (allLoopback(hosts)) {
        return new Assessment("h2", hosts, Protection.LOOPBACK, "h2 server on loopback");
      }
      return lower.startsWith("ssl://")
          ? new Assessment("h2", hosts, Protection.TLS_UNVERIFIED, "h2 ssl://")
          : new Assessment("h2", hosts, Protection.NONE, "h2 tcp://");
    }
    return new Assessment("h2", List.of(), Protection.IN_PROCESS, "h2 embedded");
  }

  private static Assessment postgresql(String rest, Map<String, ?> properties) {
    // jdbc:postgresql:db and jdbc:postgresql:/ connect to localhost
    List<String> hosts = rest.startsWith("//") ? hosts(rest.substring(2)) : List.of("localhost");
    Map<String, String> options = options(rest, properties);
    if (hosts.isEmpty()) {
      hosts = List.of("localhost");
    }
    if (allLoopback(hosts)) {
      return new Assessment("postgresql", hosts, Protection.LOOPBACK, "loopback host");
    }
    String sslmode = options.get("sslmode");
    if (sslmode == null) {
      String ssl = options.get("ssl");
      if (ssl != null && (ssl.isEmpty() || ssl.equalsIgnoreCase("true"))) {
        return new Assessment(
            "postgresql", hosts, Protection.TLS_VERIFIED, "ssl=true (pgjdbc: verify-full)");
      }
      return new Assessment(
          "postgresql", hosts, Protection.NONE, "sslmode=prefer (driver default)");
    }
    Protection protection =
        switch (sslmode.toLowerCase(Locale.ROOT)) {
          case "verify-full", "verify-ca" -> Protection.TLS_VERIFIED;
          case "require" -> Protection.TLS_UNVERIFIED;
          // disable, allow, prefer: a network attacker can strip TLS
          default -> Protection.NONE;
        };
    return new Assessment("postgresql", hosts, protection, "sslmode=" + sslmode);
  }

  private static Assessment mariadb(String rest, Map<String, ?> properties) {
    String r = rest;
    for (String p : List.of("sequential:", "loadbalance:", "replication:", "load-balance-read:")) {
      if (r.toLowerCase(Locale.ROOT).startsWith(p)) {
        r = r.substring(p.length());
      }
    }
    List<String> hosts = r.startsWith("//") ? hosts(r.substring(2)) : List.of();
    if (hosts.isEmpty()) {
      return new Assessment("mariadb", hosts, Protection.UNKNOWN, "no host in the URL");
    }
    if (allLoopback(hosts)) {
      return new Assessment("mariadb", hosts, Protection.LOOPBACK, "loopback host");
    }
    String mode = options(r, properties).get("sslmode");
    if (mode == null) {
      return new Assessment("mariadb", hosts, Protection.NONE, "sslMode=disable (driver default)");
    }
    Protection protection =
        switch (mode.toLowerCase(Locale.ROOT)) {
          case "verify-full", "verify-ca" -> Protection.TLS_VERIFIED;
          case "trust" -> Protection.TLS_UNVERIFIED;
          default -> Protection.NONE;
        };
    return new Assessment("mariadb", hosts, protection, "sslMode=" + mode);
  }

  /** Host names of {@code host[:port][,host[:port]...][/...]}, MariaDB's address=(...) too. */
  private static List<String> hosts(String authorityAndRest) {
    String authority = authorityAndRest;
    int end = authority.length();
    for (char c : new char[] {'/', '?'}) {
      int i = authority.indexOf(c);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    authority = authority.substring(0, end);
    List<String> hosts = new ArrayList<>();
    if (authority.toLowerCase(Locale.ROOT).contains("address=")) {
      String lower = authority.toLowerCase(Locale.ROOT);
      int i = 0;
      while ((i = lower.indexOf("host=", i)) >= 0) {
        int close = lower.indexOf(')', i);
        hosts.add(authority.substring(i + 5, close < 0 ? authority.length() : close).trim());
        i += 5;
      }
      return hosts;
    }
    for (String part : authority.split(",", -1)) {
      String p = part.trim();
      if (p.contains("@")) {
        p = p.substring(p.lastIndexOf('@') + 1); // user:password@host: never keep the password
      }
      if (p.isEmpty()) {
        continue;
      }
      if (p.startsWith("[")) {
        int close = p.indexOf(']');
        hosts.add(close < 0 ? p.substring(1) : p.substring(1, close));
      } else {
        int colon = p.indexOf(':');
        hosts.add(colon < 0 ? p : p.substring(0, colon));
      }
    }
    return hosts;
  }

  static boolean allLoopback(List<String> hosts) {
    if (hosts.isEmpty()) {
      return false;
    }
    for (String h : hosts) {
      String x = h.toLowerCase(Locale.ROOT);
      boolean loopback =
          x.equals("localhost")
              || (x.startsWith("127.") && x.chars().allMatch(c -> c == '.' || Character.isDigit(c)))
              || x.equals("::1")
              || x.equals("0:0:0:0:0:0:0:1");
      if (!loopback) {
        return false;
      }
    }
    return true;
  }

  /** URL query options (lower-cased names) over driver properties. */
  private static Map<String, String> options(String rest, Map<String, ?> properties) {
    Map<String, String> options = new LinkedHashMap<>();
    if (properties != null) {
      for (Map.Entry<String, ?> e : properties.entrySet()) {
        String k = e.getKey().toLowerCase(Locale.ROOT);
        if (k.startsWith("hibernate.connection.")) {
          k = k.substring("hibernate.connection.".length());
        }
        if ((k.equals("sslmode") || k.equals("ssl")) && e.getValue() != null) {
          options.put(k, e.getValue().toString().trim());
        }
      }
    }
    int q = rest.indexOf('?');
    if (q >= 0) {
      for (String pair : rest.substring(q + 1).split("&", -1)) {
        if (pair.isBlank()) {
          continue; // "?&a=1" or "a=1&": no option
        }
        int eq = pair.indexOf('=');
        String k = (eq < 0 ? pair : pair.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
        options.put(k, eq < 0 ? "" : pair.substring(eq + 1).trim());
      }
    }
    return options;
  }

  /**
   * Refuses, before any personal data is written, a connection that would carry it (sealed, but
   * with names of tables, blind indexes and credentials) to another machine unprotected.
   */
  static void requireFor(SessionFactoryImplementor factory, Map<String, Object> settings) {
    Mode mode = mode(settings.get(SuojaJpaSettings.TRANSPORT_SECURITY));
    Assessment a = assess(jdbcUrl(factory, settings), settings);
    if (mode == Mode.OFF && !a.acceptedBy(Mode.STRICT)) {
      LOG.warn(
          "Suoja: {}=off: the JDBC connection ({}, hosts {}) is protected by {} [{}]",
          SuojaJpaSettings.TRANSPORT_SECURITY,
          a.database(),
          a.hosts(),
          a.protection().description(),
          a.setting());
    }
    require(a, mode);
  }

  /** The configured JDBC URL, else the one the connection provider reports, else null. */
  public static String jdbcUrl(SessionFactoryImplementor factory, Map<String, Object> settings) {
    for (String key :
        new String[] {
          "jakarta.persistence.jdbc.url", "hibernate.connection.url", "javax.persistence.jdbc.url"
        }) {
      Object v = settings.get(key);
      if (v != null && !v.toString().isBlank()) {
        return v.toString();
      }
    }
    try {
      JdbcConnectionAccess access =
          factory
              .getServiceRegistry()
              .getService(JdbcServices.class)
              .getBootstrapJdbcConnectionAccess();
      Connection c = access.obtainConnection();
      try {
        return c.getMetaData().getURL();
      } finally {
        access.releaseConnection(c);
      }
    } catch (SQLException | RuntimeException e) {
      LOG.debug("Suoja: cannot read the JDBC URL from the connection provider", e);
      return null;
    }
  }
}
