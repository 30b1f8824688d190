package fi.suoja.crypto.testing;

import fi.suoja.crypto.CipherContext;
import fi.suoja.crypto.SuojaCrypto;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

/**
 * Data rows for the master-key migration tests: a table {@code <name>} (id, tenant, subject,
 * sealed) of values sealed under tenant keys (some tenants with two versions) and subject keys,
 * whose plaintext is derived from the id, so that every row can be opened and checked afterwards;
 * and the PKCS#12 files holding the master keys.
 */
public final class MigrationRows {
  /** Password of the test key stores. */
  public static final char[] PASSWORD = "suoja-migration-test".toCharArray();

  private final DataSource data;
  private final String table;

  public MigrationRows(DataSource data, String table) {
    this.data = data;
    this.table = table;
  }

  /** A new PKCS#12 file holding {@code key} as master key {@code version}. */
  public static Path pkcs12(Path dir, int version, byte[] key) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setEntry(
        "suoja-master-" + version,
        new KeyStore.SecretKeyEntry(new SecretKeySpec(key, "AES")),
        new KeyStore.PasswordProtection(PASSWORD));
    Path file = dir.resolve("suoja-master-" + version + "-" + System.nanoTime() + ".p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, PASSWORD);
    }
    return file;
  }

  /** The value row {@code id} holds. */
  public static String plaintext(int id) {
    return "value-" + id + "-åäö";
  }

  static CipherContext context(String tenant, int id) {
    return CipherContext.of(tenant, "Client", "note").withRow(String.valueOf(id));
  }

  /**
   * Creates the table and seals {@code rows} rows over {@code tenants} tenants: every third row
   * under a subject key; the tenants with an even number have their key rotated halfway, so they
   * hold two versions with values under each.
   */
  public void create(SuojaCrypto crypto, int tenants, int rows) throws SQLException {
    try (Connection c = data.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE "
              + table
              + " (id INTEGER NOT NULL PRIMARY KEY, tenant VARCHAR(64) NOT NULL,"
              + " subject VARCHAR(64), sealed VARCHAR(2000) NOT NULL)");
    }
    for (int t = 0; t < tenants; t++) {
      crypto.keyring().create(tenant(t));
    }
    try (Connection c = data.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO " + table + " (id, tenant, subject, sealed) VALUES (?, ?, ?, ?)")) {
      for (int id = 0; id < rows; id++) {
        if (id == rows / 2) {
          for (int t = 0; t < tenants; t += 2) {
            crypto.keyring().rotate(tenant(t));
          }
        }
        String tenant = tenant(id % tenants);
        String subject = id % 3 == 0 ? "subject-" + id : null;
        CipherContext context = context(tenant, id);
        String sealed =
            subject == null
                ? crypto.fieldCipher().seal(context, plaintext(id))
                : crypto.fieldCipher().sealForSubject(context, subject, plaintext(id));
        ps.setInt(1, id);
        ps.setString(2, tenant);
        ps.setString(3, subject);
        ps.setString(4, sealed);
        ps.executeUpdate();
      }
      if (!c.getAutoCommit()) {
        c.commit();
      }
    }
  }

  /** Opens every row with {@code crypto} and checks its plaintext; answers how many opened. */
  public int openAll(SuojaCrypto crypto) throws SQLException {
    int opened = 0;
    try (Connection c = data.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, tenant, sealed FROM " + table + " ORDER BY id")) {
      while (rs.next()) {
        int id = rs.getInt(1);
        String value = crypto.fieldCipher().open(context(rs.getString(2), id), rs.getString(3));
        if (!value.equals(plaintext(id))) {
          throw new AssertionError("row " + id + " opened to another value");
        }
        opened++;
      }
    }
    return opened;
  }

  /** SHA-256 over every row's columns in id order: equal before and after means untouched. */
  public String checksum() throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (Connection c = data.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT id, tenant, subject, sealed FROM " + table + " ORDER BY id")) {
      while (rs.next()) {
        sha.update(
            (rs.getInt(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4))
                .getBytes(StandardCharsets.UTF_8));
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /** Drops the table. */
  public void drop() throws SQLException {
    try (Connection c = data.getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + table);
    }
  }

  public static String tenant(int t) {
    return "mig-t" + t;
  }
}
