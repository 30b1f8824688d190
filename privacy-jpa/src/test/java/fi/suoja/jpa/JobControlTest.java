package fi.suoja.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import fi.suoja.SuojaConfigurationException;
import fi.suoja.crypto.spi.WrappedKeyStore;
import fi.suoja.jpa.model.Client;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Cancelling a job through its {@link JobControl} (consistent state, resumable), and progress
 * logged through SLF4J at the configured rate rather than per batch. H2 in memory.
 */
class JobControlTest {
  static final int ROWS = 200;
  static final int BATCH = 20;

  /** A clock tests move by hand. */
  static final class ManualClock extends Clock {
    volatile Instant now = Instant.parse("2026-12-08T00:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  static OpsFixture fixture(Database db) throws Exception {
    byte[] master = new byte[32];
    new SecureRandom().nextBytes(master);
    OpsFixture f =
        new OpsFixture(
            db,
            "c_",
            master,
            WrappedKeyStore.inMemory(),
            "create",
            Map.of(SuojaJpaSettings.LEGACY_PLAINTEXT, "read"),
            Client.class);
    f.suoja.keyring().create("A");
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute(JobStateTable.ddl("h2", JobStateTable.DEFAULT_TABLE));
      c.setAutoCommit(false);
      for (int i = 0; i < ROWS; i++) {
        LegacyRows.insert(
            c, "c_Client", UUID.randomUUID(), "Etu" + i, "Suku" + i, LegacyRows.hetu(i));
      }
      c.commit();
    }
    return f;
  }

  static Database h2() {
    return new Database("h2", "jdbc:h2:mem:jc-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null);
  }

  @Test
  void cancel_stopsAfterTheBatchInFlight_savesItsPosition_andResumeFinishesTheRest()
      throws Exception {
    Database db = h2();
    try (OpsFixture f = fixture(db)) {
      JobControl control = JobControl.create();
      PlaintextMigration.Progress stopped =
          PlaintextMigration.builder(f.sessions)
              .batchSize(BATCH)
              .jobState(JobStateTable.DEFAULT_TABLE)
              .control(control)
              .listener(
                  p -> {
                    if (p.scanned() == 2 * BATCH) {
                      control.cancel();
                    }
                  })
              .build()
              .run(Client.class);
      assertThat(control.cancelled()).isTrue();
      assertThat(stopped.scanned()).isEqualTo(2 * BATCH);
      assertThat(PlaintextMigrationCrashTest.countSealed(db, "c_Client")).isEqualTo(2 * BATCH);
      try (Connection c = db.connect();
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT state, rows_scanned, tenant, entity FROM "
                      + JobStateTable.DEFAULT_TABLE)) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("CANCELLED");
        assertThat(rs.getLong(2)).isEqualTo(2 * BATCH);
        assertThat(rs.getString(3)).isEqualTo("*");
        assertThat(rs.getString(4)).isEqualTo("Client");
        assertThat(rs.next()).isFalse();
      }

      PlaintextMigration.Progress rest =
          PlaintextMigration.builder(f.sessions)
              .batchSize(BATCH)
              .jobState(JobStateTable.DEFAULT_TABLE)
              .resume(true)
              .build()
              .run(Client.class);
      assertThat(rest.scanned()).isEqualTo(ROWS - 2 * BATCH);
      assertThat(rest.sealedRows()).isEqualTo(ROWS - 2 * BATCH);
      assertThat(PlaintextMigrationCrashTest.countSealed(db, "c_Client")).isEqualTo(ROWS);
    }
  }

  @Test
  void cancelledBeforeItStarts_runAllDoesNothing() throws Exception {
    Database db = h2();
    try (OpsFixture f = fixture(db)) {
      JobControl control = JobControl.create();
      control.cancel();
      assertThat(
              PlaintextMigration.builder(f.sessions)
                  .jobState(JobStateTable.DEFAULT_TABLE)
                  .control(control)
                  .build()
                  .runAll())
          .isEmpty();
      assertThat(PlaintextMigrationCrashTest.countSealed(db, "c_Client")).isZero();
    }
  }

  @Test
  void progress_isLoggedAtTheIntervalNotPerBatch() throws Exception {
    Database db = h2();
    Logger logger = (Logger) LoggerFactory.getLogger(PlaintextMigration.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    Level level = logger.getLevel();
    logger.setLevel(Level.INFO);
    try (OpsFixture f = fixture(db)) {
      ManualClock clock = new ManualClock();
      PlaintextMigration.builder(f.sessions)
          .batchSize(BATCH)
          .clock(clock)
          .logInterval(Duration.ofSeconds(10))
          .listener(p -> clock.now = clock.now.plusSeconds(4)) // 10 batches, 40 s
          .build()
          .run(Client.class);
      List<String> lines =
          appender.list.stream()
              .map(ILoggingEvent::getFormattedMessage)
              .filter(m -> m.contains(" rows/s, eta "))
              .toList();
      // after 12, 24 and 36 s (batches 3, 6, 9): three lines for ten batches
      assertThat(lines).hasSize(3);
      assertThat(lines.get(0)).startsWith("plaintext migration of Client: 60/200 rows, 60 changed");
    } finally {
      logger.detachAppender(appender);
      logger.setLevel(level);
    }
  }

  @Test
  void resumeWithoutAJobStateTable_isRefused() throws Exception {
    try (OpsFixture f = fixture(h2())) {
      assertThatThrownBy(() -> PlaintextMigration.builder(f.sessions).resume(true).build())
          .isInstanceOf(SuojaConfigurationException.class)
          .hasMessageContaining("SUOJA-5245");
      assertThatThrownBy(() -> KeyRotation.builder(f.sessions).resume(true).build())
          .isInstanceOf(SuojaConfigurationException.class)
          .hasMessageContaining("SUOJA-5245");
      assertThatThrownBy(
              () -> PlaintextMigration.builder(f.sessions).jobState("no such; table").build())
          .isInstanceOf(SuojaConfigurationException.class)
          .hasMessageContaining("SUOJA-5245");
    }
  }
}
