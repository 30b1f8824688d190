package fi.suoja.audit.sink;

import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.audit.ChainKey;
import fi.suoja.audit.TestDatabase;
import fi.suoja.audit.TestSupport;
import fi.suoja.audit.internal.UrlDataSource;
import fi.suoja.audit.verify.AuditVerifier;
import fi.suoja.audit.verify.Verification;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kills ({@code kill -9}) a child JVM whose eight threads record DURABLE into a JDBC table while
 * group commits are in flight: every event whose {@code record} returned is in the table, and the
 * chain verifies (a batch cut by the kill was rolled back by the database, never half-stored).
 */
class JdbcCrashRecoveryTest {
  private final Path dir = TestSupport.tempDir("jdbc-crash");
  private final String table = TestDatabase.uniqueTable();
  private DataSource ds;

  @AfterEach
  void cleanUp() {
    if (ds != null) {
      TestDatabase.drop(ds, table);
    }
    TestSupport.delete(dir);
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void killDuringDurableGroupCommits_everyAcknowledgedEventStored_chainVerifies(TestDatabase db)
      throws Exception {
    // H2: a file database the child opens after this JVM closed it (embedded, one process at a
    // time). WRITE_DELAY=0: by default H2 writes committed changes to the file up to 500 ms later,
    // so a killed process loses commits (seen: acknowledged events missing without it).
    String url =
        db == TestDatabase.H2 ? "jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0" : db.url();
    ds = new UrlDataSource(url);
    JdbcAuditSink.createTables(ds, table);
    byte[] chainKey = new byte[32];
    new SecureRandom().nextBytes(chainKey);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                JdbcCrashChild.class.getName(),
                url,
                table,
                Base64.getEncoder().encodeToString(chainKey),
                Base64.getEncoder()
                    .encodeToString(TestSupport.CHECKPOINT_KEYS.getPrivate().getEncoded()))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    List<String> acknowledged = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        acknowledged.add(line);
        if (acknowledged.size() == 400) {
          child.destroyForcibly(); // SIGKILL while the other threads' batches are in flight
          break;
        }
      }
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }
    assertThat(acknowledged).hasSize(400);

    Set<String> stored = new HashSet<>();
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT event_id FROM " + table)) {
      while (rs.next()) {
        stored.add(rs.getString(1));
      }
    }
    assertThat(stored).containsAll(acknowledged);
    List<Verification> results =
        AuditVerifier.builder()
            .chainKey(ChainKey.of(chainKey))
            .checkpointKey(TestSupport.CHECKPOINT_KEYS.getPublic())
            .build()
            .verifyTable(ds, table, ds);
    assertThat(results)
        .singleElement()
        .isInstanceOfSatisfying(
            Verification.Intact.class, ok -> assertThat(ok.records()).isEqualTo(stored.size()));
  }
}
