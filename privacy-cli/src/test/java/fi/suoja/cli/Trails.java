package fi.suoja.cli;

import fi.suoja.audit.AccessBasis;
import fi.suoja.audit.AuditAction;
import fi.suoja.audit.AuditActor;
import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.Outcome;
import fi.suoja.audit.sink.ChainOptions;
import fi.suoja.audit.sink.JdbcAuditSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import javax.sql.DataSource;

/** Real audit trails for the command tests, written by the library's own sinks. */
final class Trails {
  /** The subjects the events name; events of {@code s-1} are at even n. */
  static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");

  private Trails() {}

  static KeyPair ed25519() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes the public key as PEM, as an operator would hand it to the verifier. */
  static Path publicKeyPem(Path dir, KeyPair keys) {
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(keys.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n";
    try {
      return Files.writeString(dir.resolve("audit.pub"), pem);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static AuditEvent event(int n) {
    return AuditEvent.builder()
        .id("ev-" + n)
        .time(T0.plusSeconds(n))
        .actor(AuditActor.tenantUser("u-" + (n % 3), "t-1", Set.of("NURSE")))
        .action(n % 2 == 0 ? AuditAction.READ : AuditAction.UPDATE)
        .resource("Client", "c-" + (n % 4), "t-1")
        .subject("s-" + (n % 2))
        .fields("firstName", "hetu")
        .basis(AccessBasis.owner())
        .purpose("CARE")
        .outcome(Outcome.success())
        .correlationId("req-" + n)
        .application("care")
        .node("node-1")
        .build();
  }

  /** Creates the audit tables and writes {@code count} events in one signed chain. */
  static void writeTable(DataSource ds, String table, KeyPair keys, int count) {
    JdbcAuditSink.createTables(ds, table);
    append(ds, table, keys, count);
  }

  /** Writes {@code count} events in one signed chain to an existing table. */
  static void append(DataSource ds, String table, KeyPair keys, int count) {
    try (JdbcAuditSink sink =
        JdbcAuditSink.builder(ds)
            .table(table)
            .chain(
                ChainOptions.builder()
                    .chainId("cli-" + Databases.unique())
                    .checkpoints(keys.getPrivate())
                    .build())
            .build()) {
      for (int n = 0; n < count; n++) {
        sink.record(event(n));
      }
    }
  }

  /**
   * Rewrites the purpose of record 2 of the first chain in place, as an attacker with UPDATE rights
   * could.
   */
  static void tamper(DataSource ds, String table) {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      String chain;
      try (ResultSet rs = s.executeQuery("SELECT MIN(chain_id) FROM " + table)) {
        rs.next();
        chain = rs.getString(1);
      }
      int rows =
          s.executeUpdate(
              "UPDATE "
                  + table
                  + " SET event_json = REPLACE(event_json, '\"CARE\"', '\"RESEARCH\"')"
                  + " WHERE seq = 2 AND chain_id = '"
                  + chain
                  + "'");
      if (rows != 1) {
        throw new IllegalStateException("tampered " + rows + " rows");
      }
      if (!c.getAutoCommit()) {
        c.commit();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
