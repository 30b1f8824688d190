package fi.suoja.jpa;

import static fi.suoja.jpa.SubjectRightsTest.ADMIN;
import static fi.suoja.jpa.SubjectRightsTest.NOW;
import static fi.suoja.jpa.SubjectRightsTest.TODAY;
import static fi.suoja.jpa.SubjectRightsTest.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.audit.AuditAction;
import fi.suoja.audit.Outcome;
import fi.suoja.crypto.CipherContext;
import fi.suoja.crypto.KeyUnavailableException;
import fi.suoja.jpa.model.RightsClient;
import fi.suoja.jpa.model.RightsNote;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Invariant of erasure, for generated data subjects (names, HETUs, care notes whose legal holds
 * have ended, still run or have not started): after {@code SubjectRights.erase(victim)} no ORM
 * query, no export and no raw SQL column yields a personal value of the victim that was not under a
 * hold; every held record is retained, readable and named with its basis; every other subject's
 * rows are byte-for-byte unchanged; a copy of the victim's ciphertext taken before erasure
 * ("backup") opens no more exactly when nothing of the victim was held (crypto-shredding); and the
 * audit trail holds one ERASE decision per record and one LEGAL_HOLD failure per retained one. H2,
 * one SessionFactory for the whole property.
 */
class ErasureProperties {
  static final String BASIS = "Potilasasiakirja-asetus 298/2009 12 §";
  static final AtomicInteger SEQ = new AtomicInteger();
  static JpaFixture f;

  enum Hold {
    ENDED,
    RUNNING,
    NOT_STARTED
  }

  record Person(String name, String hetu, List<Hold> notes) {}

  record Stored(
      UUID id, String name, String hetu, List<UUID> notes, List<String> texts, Person person) {}

  @BeforeContainer
  static void start() {
    f = SubjectRightsTest.fixture(Database.all().get(0));
  }

  @AfterContainer
  static void stop() {
    f.close();
  }

  @Provide
  Arbitrary<List<Person>> people() {
    Arbitrary<String> name =
        Arbitraries.strings()
            .withChars("AEIOUaeiouäöåklmnprstvjhy -'")
            .ofMinLength(3)
            .ofMaxLength(30);
    Arbitrary<String> hetu =
        Combinators.combine(
                Arbitraries.integers().between(1, 28),
                Arbitraries.integers().between(1, 12),
                Arbitraries.integers().between(0, 99),
                Arbitraries.of("-", "+", "A", "B", "Y"),
                Arbitraries.integers().between(900, 999))
            .as((d, m, y, c, n) -> String.format("%02d%02d%02d%s%03d", d, m, y, c, n));
    Arbitrary<List<Hold>> notes = Arbitraries.of(Hold.class).list().ofMaxSize(4);
    return Combinators.combine(name, hetu, notes).as(Person::new).list().ofMinSize(1).ofMaxSize(4);
  }

  static LocalDate closedOn(Hold h) {
    return switch (h) {
      case ENDED -> TODAY.minusYears(13);
      case RUNNING -> TODAY.minusYears(3);
      case NOT_STARTED -> null;
    };
  }

  /** Stores a person; values carry a unique tag so no value is a substring of another's. */
  static Stored store(Person p) {
    String tag = " #" + SEQ.incrementAndGet() + "#";
    return as(
        SubjectRightsTest.OWNER,
        () ->
            f.sessions.fromTransaction(
                s -> {
                  RightsClient c = new RightsClient("e-1", p.name() + tag, p.hetu() + tag);
                  s.persist(c);
                  List<UUID> ids = new ArrayList<>();
                  List<String> texts = new ArrayList<>();
                  for (int i = 0; i < p.notes().size(); i++) {
                    String text = "care note " + i + tag;
                    RightsNote n = new RightsNote("e-1", c.id, text, closedOn(p.notes().get(i)));
                    s.persist(n);
                    ids.add(n.id);
                    texts.add(text);
                  }
                  return new Stored(c.id, c.name, c.hetu, ids, texts, p);
                }));
  }

  /** Every row of both tables as id -> (lower-case column -> value), raw SQL, as stored. */
  static Map<String, Map<String, String>> raw() throws Exception {
    Map<String, Map<String, String>> rows = new HashMap<>();
    for (String entity : List.of("RightsClient", "RightsNote")) {
      try (Connection c = f.database.connect();
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("select * from " + f.table(entity))) {
        ResultSetMetaData md = rs.getMetaData();
        while (rs.next()) {
          Map<String, String> values = new HashMap<>();
          for (int i = 1; i <= md.getColumnCount(); i++) {
            values.put(md.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), rs.getString(i));
          }
          rows.put(values.get("id"), values);
        }
      }
    }
    return rows;
  }

  @Property(tries = 40)
  void afterErase_nothingOfTheSubjectRemainsButHeldRecords_othersUntouched(
      @ForAll("people") List<Person> people, @ForAll @IntRange(min = 0, max = 3) int pick)
      throws Exception {
    List<Stored> stored = people.stream().map(ErasureProperties::store).toList();
    Stored victim = stored.get(pick % stored.size());
    Map<String, Map<String, String>> before = raw();
    String backupName = before.get(victim.id().toString()).get("name");
    long erasedBefore = count(Outcome.success());
    long heldBefore = count(Outcome.failure("LEGAL_HOLD"));
    SubjectRights rights =
        SubjectRights.builder(f.sessions).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();

    ErasureResult result = as(ADMIN, () -> rights.erase(victim.id().toString()));

    List<String> gone = new ArrayList<>(List.of(victim.name(), victim.hetu()));
    List<String> kept = new ArrayList<>();
    List<UUID> heldIds = new ArrayList<>();
    for (int i = 0; i < victim.notes().size(); i++) {
      if (victim.person().notes().get(i) == Hold.ENDED) {
        gone.add(victim.texts().get(i));
      } else {
        kept.add(victim.texts().get(i));
        heldIds.add(victim.notes().get(i));
      }
    }
    // the result: held records retained with their basis, everything else erased
    assertThat(result.retained())
        .extracting(ErasureResult.Retained::id)
        .containsExactlyInAnyOrderElementsOf(heldIds.stream().map(UUID::toString).toList());
    assertThat(result.retained()).allSatisfy(r -> assertThat(r.basis()).isEqualTo(BASIS));
    assertThat(result.erased()).hasSize(1 + victim.notes().size() - heldIds.size());
    // one ERASE decision per record (SUCCESS), then LEGAL_HOLD for each retained one
    assertThat(count(Outcome.success()) - erasedBefore)
        .isEqualTo(result.erased().size() + heldIds.size());
    assertThat(count(Outcome.failure("LEGAL_HOLD")) - heldBefore).isEqualTo(heldIds.size());

    // ORM queries (as the org admin, who may read every client of the tenant)
    List<String> visible =
        as(
            ADMIN,
            () ->
                f.sessions.fromTransaction(
                    s -> {
                      List<String> out = new ArrayList<>();
                      for (RightsClient c :
                          s.createQuery("from RightsClient", RightsClient.class).getResultList()) {
                        out.add(c.name);
                        out.add(c.hetu);
                      }
                      for (RightsNote n :
                          s.createQuery("from RightsNote", RightsNote.class).getResultList()) {
                        out.add(n.text);
                      }
                      return out;
                    }));
    assertThat(visible).doesNotContainAnyElementsOf(gone).containsAll(kept);

    // the export of the victim: held notes only
    String export = as(ADMIN, () -> rights.export(victim.id().toString(), null)).toJson();
    for (String g : gone) {
      assertThat(export).doesNotContain(g);
    }
    for (String k : kept) {
      assertThat(export).contains(k);
    }

    // raw SQL: the client row is gone, erased notes hold no text; other subjects' rows unchanged
    Map<String, Map<String, String>> after = raw();
    assertThat(after).doesNotContainKey(victim.id().toString());
    for (int i = 0; i < victim.notes().size(); i++) {
      String id = victim.notes().get(i).toString();
      if (heldIds.contains(victim.notes().get(i))) {
        assertThat(after.get(id)).isEqualTo(before.get(id));
      } else {
        assertThat(after.get(id))
            .containsEntry("text", null)
            .containsEntry("clientid", before.get(id).get("clientid"));
      }
    }
    for (Stored other : stored) {
      if (!other.equals(victim)) {
        assertThat(after.get(other.id().toString())).isEqualTo(before.get(other.id().toString()));
        for (UUID n : other.notes()) {
          assertThat(after.get(n.toString())).isEqualTo(before.get(n.toString()));
        }
      }
    }

    // the property is not vacuous: both kinds of victim occur
    Statistics.label("victim").collect(heldIds.isEmpty() ? "nothing held" : "some held");
    Statistics.label("victim")
        .coverage(
            c -> {
              c.check("nothing held").count(n -> n > 0);
              c.check("some held").count(n -> n > 0);
            });

    // crypto-shredding: the pre-erasure copy opens no more exactly when nothing was held
    assertThat(result.subjectKeyDestroyed()).isEqualTo(heldIds.isEmpty());
    CipherContext ctx =
        new CipherContext("A", "RightsClient", "name", victim.id().toString())
            .withPolicy("e-1", null); // its owner, bound like the row id
    if (heldIds.isEmpty()) {
      assertThatThrownBy(() -> f.suoja.cipher().open(ctx, backupName))
          .isInstanceOf(KeyUnavailableException.class);
    } else {
      // documented limit: a held record keeps the subject key alive until its hold ends
      assertThat(f.suoja.cipher().open(ctx, backupName)).isEqualTo(victim.name());
    }
  }

  static long count(Outcome outcome) {
    return f.sink.events().stream()
        .filter(e -> e.action() == AuditAction.ERASE && e.outcome().equals(outcome))
        .count();
  }
}
