package fi.suoja.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import picocli.CommandLine.Option;

/**
 * How a command reaches a database: a JDBC URL without credentials, the user and password from
 * environment variables or the password from a file. A URL that carries a password is refused.
 */
final class DatabaseOptions {
  static final String USER_ENV = "SUOJA_DB_USER";
  static final String PASSWORD_ENV = "SUOJA_DB_PASSWORD";
  static final String PASSWORD_FILE_ENV = "SUOJA_DB_PASSWORD_FILE";

  private static final Pattern CREDENTIAL_IN_URL =
      Pattern.compile("(?i)([?&;:]|^)(password|passwd|pwd)=|//[^/?]*:[^/?]*@");

  @Option(
      names = "--db-user-env",
      paramLabel = "VAR",
      description = "Environment variable holding the database user (default " + USER_ENV + ").")
  String userEnv;

  @Option(
      names = "--db-password-env",
      paramLabel = "VAR",
      description =
          "Environment variable holding the database password (default " + PASSWORD_ENV + ").")
  String passwordEnv;

  @Option(
      names = "--db-password-file",
      paramLabel = "FILE",
      description =
          "File holding the database password (first line; default: the file named by "
              + PASSWORD_FILE_ENV
              + ").")
  Path passwordFile;

  /**
   * A DataSource for {@code url} with the configured credentials, checked by opening one
   * connection.
   *
   * @throws CliException {@code SUOJA-9002} (credential in the URL), {@code SUOJA-9003} (a named
   *     variable or file is missing), {@code SUOJA-9010} (no connection)
   */
  DataSource open(String url, Map<String, String> env) {
    if (CREDENTIAL_IN_URL.matcher(url).find()) {
      throw new CliException(
          "SUOJA-9002",
          SuojaCommand.USAGE,
          "the JDBC URL carries a password: command lines are visible to other users of the host"
              + " and kept in shell history; give it through "
              + PASSWORD_ENV
              + ", --db-password-env or --db-password-file");
    }
    Properties props = new Properties();
    String user = variable(env, userEnv, USER_ENV, "--db-user-env");
    if (user != null) {
      props.setProperty("user", user);
    }
    String password = password(env);
    if (password != null) {
      props.setProperty("password", password);
    }
    PropertiesDataSource ds = new PropertiesDataSource(url, props);
    try (Connection c = ds.getConnection()) {
      c.isValid(5);
    } catch (SQLException e) {
      throw new CliException(
          "SUOJA-9010",
          SuojaCommand.UNAVAILABLE,
          "cannot connect to the "
              + product(url)
              + " database (SQL state "
              + e.getSQLState()
              + ")");
    }
    return ds;
  }

  private String password(Map<String, String> env) {
    Path file = passwordFile;
    if (file == null && passwordEnv == null && env.get(PASSWORD_FILE_ENV) != null) {
      file = Path.of(env.get(PASSWORD_FILE_ENV));
    }
    if (file != null) {
      try {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int nl = text.indexOf('\n');
        return (nl < 0 ? text : text.substring(0, nl)).strip();
      } catch (IOException e) {
        throw new CliException(
            "SUOJA-9003",
            SuojaCommand.USAGE,
            "cannot read the database password file " + file.getFileName());
      }
    }
    return variable(env, passwordEnv, PASSWORD_ENV, "--db-password-env");
  }

  /** The value of a named variable (required when named explicitly), or of the default one. */
  static String variable(Map<String, String> env, String named, String fallback, String option) {
    if (named != null) {
      String v = env.get(named);
      if (v == null) {
        throw new CliException(
            "SUOJA-9003",
            SuojaCommand.USAGE,
            "environment variable " + named + " (named by " + option + ") is not set");
      }
      return v;
    }
    return env.get(fallback);
  }

  /** The database family a URL names, for messages (never the URL: host and database only). */
  static String product(String url) {
    String[] parts = url.split(":", 3);
    return parts.length > 1 ? parts[1].toLowerCase(Locale.ROOT) : "unknown";
  }

  /** A DataSource over {@link DriverManager}; shows no URL or credential. */
  private static final class PropertiesDataSource implements DataSource {
    private final String url;
    private final Properties props;

    PropertiesDataSource(String url, Properties props) {
      this.url = url;
      this.props = props;
    }

    @Override
    public Connection getConnection() throws SQLException {
      return DriverManager.getConnection(url, props);
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return DriverManager.getConnection(url, user, password);
    }

    @Override
    public PrintWriter getLogWriter() {
      return DriverManager.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) {
      DriverManager.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) {
      DriverManager.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() {
      return DriverManager.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      if (iface.isInstance(this)) {
        return iface.cast(this);
      }
      throw new SQLException("not a wrapper of " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return iface.isInstance(this);
    }

    @Override
    public String toString() {
      return "DataSource[" + product(url) + "]";
    }
  }
}
