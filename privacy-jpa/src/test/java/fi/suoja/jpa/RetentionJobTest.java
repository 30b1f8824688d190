package fi.suoja.jpa;

import static fi.suoja.jpa.SubjectRightsTest.ADMIN;
import static fi.suoja.jpa.SubjectRightsTest.NOW;
import static fi.suoja.jpa.SubjectRightsTest.OWNER;
import static fi.suoja.jpa.SubjectRightsTest.TODAY;
import static fi.suoja.jpa.SubjectRightsTest.as;
import static fi.suoja.jpa.SubjectRightsTest.column;
import static fi.suoja.jpa.SubjectRightsTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.audit.AuditAction;
import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.Outcome;
import fi.suoja.crypto.CipherContext;
import fi.suoja.crypto.KeyUnavailableException;
import fi.suoja.jpa.SubjectRightsTest.Subject;
import fi.suoja.policy.AccessDeniedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The retention job erases exactly the records whose legal hold has ended, in batches, resumably,
 * audited, and shreds a subject's key once nothing personal of the subject remains; on H2,
 * PostgreSQL and MariaDB.
 */
class RetentionJobTest {
  static List<Database> databases() {
    return Database.all();
  }

  static RetentionJob job(JpaFixture f, Instant now, int batch, List<RetentionJob.Progress> seen) {
    return RetentionJob.builder(f.sessions)
        .clock(Clock.fixed(now, ZoneOffset.UTC))
        .batchSize(batch)
        .listener(seen::add)
        .build();
  }

  static String note(JpaFixture f, UUID id) throws Exception {
    return column(f, "RightsNote", "text", "id = '" + id + "'").get(0);
  }

  static long erasures(JpaFixture f) {
    return f.sink.events().stream()
        .filter(e -> e.action() == AuditAction.ERASE && e.outcome().equals(Outcome.success()))
        .count();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void run_erasesOnlyWhatOutlivedItsHold_andShredsOnceNothingRemains(Database db) throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db)) {
      // Aino: one note past its hold, one under a running hold, one whose hold has not started,
      // one whose hold ends tomorrow (inside the due query's one-day margin: looked at, kept)
      Subject aino =
          SubjectRightsTest.create(
              f,
              "Aino Virtanen",
              "010190-999K",
              TODAY.minusYears(13),
              TODAY.minusYears(2),
              null,
              TODAY.minusYears(12).plusDays(1));
      Subject eino =
          SubjectRightsTest.create(
              f, "Eino Leino", "020290-998J", TODAY.minusYears(12).minusDays(1));
      // Kalle asked for erasure while his note was still held for 10 more days
      Subject kalle =
          SubjectRightsTest.create(
              f, "Kalle Korhonen", "030390-997H", TODAY.minusYears(12).plusDays(10));
      ErasureResult asked =
          as(
              ADMIN,
              () ->
                  SubjectRights.builder(f.sessions)
                      .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                      .build()
                      .erase(kalle.id().toString()));
      assertThat(asked.retained()).hasSize(1);
      String kalleBackup = note(f, kalle.notes().get(0));
      String ainoHeld = note(f, aino.notes().get(1));
      long before = erasures(f);

      List<RetentionJob.Progress> seen = new ArrayList<>();
      RetentionJob.Result result = as(ADMIN, () -> job(f, NOW, 1, seen).run());

      assertThat(result.erased()).isEqualTo(2);
      assertThat(result.subjectKeysDestroyed()).isZero(); // Aino and Eino still have records
      assertThat(note(f, aino.notes().get(0))).isNull();
      assertThat(note(f, eino.notes().get(0))).isNull();
      assertThat(note(f, aino.notes().get(1))).isEqualTo(ainoHeld);
      assertThat(note(f, aino.notes().get(2))).isNotNull();
      assertThat(note(f, aino.notes().get(3))).isNotNull();
      assertThat(note(f, kalle.notes().get(0))).isEqualTo(kalleBackup);
      assertThat(erasures(f) - before).isEqualTo(2);
      String export =
          as(
                  ADMIN,
                  () ->
                      SubjectRights.builder(f.sessions).build().export(aino.id().toString(), null))
              .toJson();
      assertThat(export)
          .contains("Aino Virtanen", "note 1 of Aino", "note 2 of Aino", "note 3 of Aino")
          .doesNotContain("note 0 of Aino");
      // progress: one call per batch of one, monotonic, ending at the result
      assertThat(seen).isNotEmpty();
      assertThat(seen).extracting(RetentionJob.Progress::scanned).isSorted();
      RetentionJob.Progress last = seen.get(seen.size() - 1);
      assertThat(last.entity()).isEqualTo("RightsNote");
      assertThat(last.erased()).isEqualTo(2);
      assertThat(last.scanned()).isEqualTo(last.total());
      assertThat(last.eta()).isEqualTo(Duration.ZERO);

      // a rerun finds nothing more to do
      RetentionJob.Result again = as(ADMIN, () -> job(f, NOW, 1, new ArrayList<>()).run());
      assertThat(again.erased()).isZero();
      assertThat(erasures(f) - before).isEqualTo(2);

      // 20 days later Kalle's hold (and the one of Aino's note 3) has ended: his note goes, and
      // with it his key; Aino keeps hers (her client record and two notes remain)
      Instant later = NOW.plus(Duration.ofDays(20));
      RetentionJob.Result third = as(ADMIN, () -> job(f, later, 1, new ArrayList<>()).run());
      assertThat(third.erased()).isEqualTo(2);
      assertThat(note(f, aino.notes().get(3))).isNull();
      assertThat(third.subjectKeysDestroyed()).isEqualTo(1);
      assertThat(note(f, kalle.notes().get(0))).isNull();
      assertThat(f.suoja.subjectKeys().find("A", kalle.id().toString())).isEmpty();
      CipherContext ctx =
          new CipherContext("A", "RightsNote", "text", kalle.notes().get(0).toString());
      assertThatThrownBy(() -> f.suoja.cipher().open(ctx, kalleBackup))
          .isInstanceOf(KeyUnavailableException.class)
          .hasMessageNotContaining("Kalle");
      assertThat(f.suoja.subjectKeys().find("A", aino.id().toString())).isPresent();
      assertThat(note(f, aino.notes().get(1))).isEqualTo(ainoHeld);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void run_interruptedAfterABatch_resumesWithoutErasingOrAuditingTwice(Database db)
      throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db)) {
      List<UUID> due = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        due.addAll(
            SubjectRightsTest.create(
                    f, "Client " + i, "010190-999K", TODAY.minusYears(13), TODAY.minusYears(14))
                .notes());
      }
      long before = erasures(f);
      List<RetentionJob.Progress> seen = new ArrayList<>();
      RetentionJob failing =
          RetentionJob.builder(f.sessions)
              .clock(Clock.fixed(NOW, ZoneOffset.UTC))
              .batchSize(3)
              .listener(
                  p -> {
                    seen.add(p);
                    throw new IllegalStateException("node stopped");
                  })
              .build();

      assertThatThrownBy(() -> as(ADMIN, failing::run)).hasMessage("node stopped");
      assertThat(seen)
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.total()).isEqualTo(10);
                assertThat(p.erased()).isEqualTo(3);
              });
      assertThat(erasures(f) - before).isEqualTo(3);

      RetentionJob.Result rest = as(ADMIN, () -> job(f, NOW, 3, new ArrayList<>()).run());

      assertThat(rest.erased()).isEqualTo(7);
      assertThat(erasures(f) - before).isEqualTo(10);
      for (UUID id : due) {
        assertThat(note(f, id)).isNull();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void run_byEmployee_isDeniedAndChangesNothing(Database db) throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db)) {
      Subject s = SubjectRightsTest.create(f, "Aino Virtanen", "010190-999K", TODAY.minusYears(13));
      String sealed = note(f, s.notes().get(0));

      assertThatThrownBy(() -> as(OWNER, () -> job(f, NOW, 10, new ArrayList<>()).run()))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageNotContaining("Aino");

      assertThat(note(f, s.notes().get(0))).isEqualTo(sealed);
      assertThat(f.sink.events())
          .filteredOn(e -> e.action() == AuditAction.ERASE)
          .extracting(AuditEvent::outcome)
          .allMatch(o -> !o.equals(Outcome.success()));
    }
  }

  @Test
  void builder_badBatchSize_isRefused() {
    try (JpaFixture f = fixture(Database.all().get(0))) {
      assertThatThrownBy(() -> RetentionJob.builder(f.sessions).batchSize(0))
          .hasMessageContaining("SUOJA-6031");
    }
  }
}
