package fi.suoja.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fi.suoja.jpa.JobControl;
import fi.suoja.jpa.JobStateTable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code migrate plaintext} and {@code keys rotate} in-process, on H2 and (when configured)
 * PostgreSQL: a table of plaintext rows becomes envelopes; a run cancelled after its first batch
 * (the test hook cancels the run's {@link JobControl}, as the Ctrl-C shutdown hook does) exits 130
 * and a {@code --resume} run reads only the rows after the saved position; a rotation moves every
 * row onto the new key version. No output carries a name, identity code or password.
 */
class ResumableJobCommandsTest {
  static final int ROWS = 25;
  static final int BATCH = 10;

  @TempDir Path dir;
  HostFixture fx;

  @AfterEach
  void tearDown() {
    JobRun.afterBatch = c -> {};
    if (fx != null) {
      fx.close();
    }
  }

  void setUp(Databases database) {
    fx = new HostFixture(dir, database);
    Databases.exec(
        fx.db.url,
        JobStateTable.ddl(database.name().toLowerCase(Locale.ROOT), JobStateTable.DEFAULT_TABLE));
    try (Connection c = DriverManager.getConnection(fx.db.url);
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO Resident (id, organisation, responsibleEmployee, fullName, hetu)"
                    + " VALUES (?, ?, ?, ?, ?)")) {
      for (int i = 0; i < ROWS; i++) {
        ps.setString(1, String.format("r-%03d", i));
        ps.setString(2, HostFixture.TENANT);
        ps.setString(3, "aino.virtanen");
        ps.setString(4, HostFixture.NAME + " " + i);
        ps.setString(5, HostFixture.HETU);
        ps.executeUpdate();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  Cli.Result run(List<String> command, String... more) {
    Cli.Result r = Cli.run(HostFixture.env(), fx.args(command, more));
    assertThat(r.all())
        .doesNotContain("Maija")
        .doesNotContain("131052")
        .doesNotContain(HostFixture.PASSWORD);
    return r;
  }

  /** Cancels the run's control after its first committed batch, as Ctrl-C would. */
  static AtomicInteger cancelAfterFirstBatch() {
    AtomicInteger batches = new AtomicInteger();
    Consumer<JobControl> hook =
        c -> {
          if (batches.incrementAndGet() == 1) {
            c.cancel();
          }
        };
    JobRun.afterBatch = hook;
    return batches;
  }

  Map<String, String> names() {
    Map<String, String> names = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection(fx.db.url);
        var s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, fullName, hetuIndex FROM Resident ORDER BY id")) {
      while (rs.next()) {
        names.put(rs.getString(1), rs.getString(2) + "|" + rs.getString(3));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return names;
  }

  long sealed() {
    return fx.count(
        "SELECT COUNT(*) FROM Resident WHERE fullName LIKE 'AQ%' AND hetu LIKE 'AQ%'"
            + " AND hetuIndex IS NOT NULL");
  }

  String jobState(String job, String column) {
    try (Connection c = DriverManager.getConnection(fx.db.url);
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT "
                    + column
                    + " FROM "
                    + JobStateTable.DEFAULT_TABLE
                    + " WHERE job_name = ? AND entity LIKE '%Resident'")) {
      ps.setString(1, job);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).as("job-state row of " + job).isTrue();
        return rs.getString(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode resident(JsonNode root) {
    for (JsonNode e : root.path("entities")) {
      if (e.path("entity").asText().endsWith("Resident")) {
        return e;
      }
    }
    throw new AssertionError("no Resident entry in " + root);
  }

  @ParameterizedTest
  @EnumSource(
      value = Databases.class,
      names = {"H2", "POSTGRESQL"})
  void migratePlaintext_cancelledAfterOneBatch_thenResumeSealsTheRest(Databases database) {
    setUp(database);
    AtomicInteger batches = cancelAfterFirstBatch();
    Cli.Result first =
        run(
            List.of("migrate", "plaintext"),
            "--batch-size",
            "" + BATCH,
            "--progress-interval",
            "0",
            "--node",
            "test-node",
            "--json");
    assertThat(first.exit()).as(first.all()).isEqualTo(SuojaCommand.CANCELLED);
    assertThat(batches).hasValue(1);
    JsonNode j = first.json();
    assertThat(j.path("cancelled").asBoolean()).isTrue();
    assertThat(resident(j).path("scanned").asLong()).isEqualTo(BATCH);
    assertThat(resident(j).path("total").asLong()).isEqualTo(ROWS);
    assertThat(first.err()).containsPattern("Resident: 10/25 rows, 10 changed, \\d+ rows/s, eta");
    assertThat(sealed()).isEqualTo(BATCH);
    assertThat(jobState("plaintext-migration", "state")).isEqualTo("CANCELLED");
    assertThat(jobState("plaintext-migration", "node")).isEqualTo("test-node");

    JobRun.afterBatch = c -> {};
    Cli.Result resumed =
        run(List.of("migrate", "plaintext"), "--batch-size", "" + BATCH, "--resume", "--json");
    assertThat(resumed.exit()).as(resumed.all()).isZero();
    JsonNode r = resumed.json();
    assertThat(r.path("ok").asBoolean()).isTrue();
    assertThat(r.path("cancelled").asBoolean()).isFalse();
    // only the rows after the saved position were read again
    assertThat(resident(r).path("scanned").asLong()).isEqualTo(ROWS - BATCH);
    assertThat(resident(r).path("sealedRows").asLong()).isEqualTo(ROWS - BATCH);
    assertThat(sealed()).isEqualTo(ROWS);
    assertThat(fx.count("SELECT COUNT(*) FROM Resident")).isEqualTo(ROWS);

    // a third run with --resume finds the entity finished and reads nothing
    Cli.Result again = run(List.of("migrate", "plaintext"), "--resume", "--json");
    assertThat(again.exit()).as(again.all()).isZero();
    assertThat(again.json().path("scanned").asLong()).isZero();

    // then keys rotate: cancelled after one batch, resumed, every row under the new version
    Map<String, String> before = names();
    AtomicInteger rotationBatches = cancelAfterFirstBatch();
    Cli.Result rotate =
        run(
            List.of("keys", "rotate"),
            "--tenant",
            HostFixture.TENANT,
            "--batch-size",
            "" + BATCH,
            "--progress-interval",
            "0",
            "--json");
    assertThat(rotate.exit()).as(rotate.all()).isEqualTo(SuojaCommand.CANCELLED);
    assertThat(rotationBatches).hasValue(1);
    JsonNode rj = rotate.json();
    assertThat(rj.path("rotated").get(0).path("version").asInt()).isEqualTo(2);
    assertThat(resident(rj).path("resealedRows").asLong()).isEqualTo(BATCH);
    assertThat(jobState("key-rotation", "state")).isEqualTo("CANCELLED");

    JobRun.afterBatch = c -> {};
    Cli.Result rotated =
        run(List.of("keys", "rotate"), "--batch-size", "" + BATCH, "--resume", "--json");
    assertThat(rotated.exit()).as(rotated.all()).isZero();
    JsonNode done = rotated.json();
    assertThat(done.path("rotated").size()).isZero();
    assertThat(resident(done).path("scanned").asLong()).isEqualTo(ROWS - BATCH);
    assertThat(resident(done).path("resealedRows").asLong()).isEqualTo(ROWS - BATCH);
    assertThat(done.path("remaining").asLong()).isZero();
    assertThat(jobState("key-rotation", "state")).isEqualTo("DONE");
    Map<String, String> after = names();
    assertThat(after.keySet()).isEqualTo(before.keySet());
    List<String> unchanged = new ArrayList<>();
    before.forEach(
        (id, v) -> {
          if (v.equals(after.get(id))) {
            unchanged.add(id);
          }
        });
    assertThat(unchanged).as("rows not re-sealed under v2").isEmpty();
  }

  @org.junit.jupiter.api.Test
  void badOptions_areUsageErrors() {
    setUp(Databases.H2);
    Cli.Result size = run(List.of("migrate", "plaintext"), "--batch-size", "0", "--json");
    assertThat(size.exit()).isEqualTo(SuojaCommand.USAGE);
    assertThat(size.json().path("code").asText()).isEqualTo("SUOJA-9040");

    Cli.Result both =
        run(List.of("keys", "rotate"), "--tenant", HostFixture.TENANT, "--resume", "--json");
    assertThat(both.exit()).isEqualTo(SuojaCommand.USAGE);
    assertThat(both.json().path("code").asText()).isEqualTo("SUOJA-9041");

    Cli.Result noKey = run(List.of("keys", "rotate"), "--tenant", "care-zz", "--json");
    assertThat(noKey.exit()).as(noKey.all()).isEqualTo(SuojaCommand.UNAVAILABLE);
    assertThat(noKey.json().path("code").asText()).isEqualTo("SUOJA-9042");
  }
}
