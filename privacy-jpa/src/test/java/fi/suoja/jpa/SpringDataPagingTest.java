package fi.suoja.jpa;

import static fi.suoja.jpa.EncryptedEntityTest.COLLEAGUE;
import static fi.suoja.jpa.EncryptedEntityTest.OWNER;
import static fi.suoja.jpa.EncryptedEntityTest.as;
import static fi.suoja.jpa.TransparentEqualityTest.colliding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.SuojaException;
import fi.suoja.jpa.model.Client;
import fi.suoja.jpa.model.Contact;
import fi.suoja.jpa.model.Employee;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactory;
import org.springframework.data.repository.Repository;

/**
 * Paged, sliced, sorted, limited, counting and exists forms of a Spring Data derived lookup on a
 * blind-indexed attribute (issue 22, item 1): each answers over the exact set - the records that
 * hold the value and that the actor may see - so a page is a slice of that set and the count is its
 * size, whatever the page size, however many index collisions and denied records there are.
 */
class SpringDataPagingTest {
  static final String NAME = "Mäkinen";
  static final int HELD = 5;

  /** A host's repository: Spring Data's own return types, no Suoja type in sight. */
  interface Contacts extends Repository<Contact, UUID> {
    Page<Contact> findByLastName(String lastName, Pageable page);

    Slice<Contact> readByLastName(String lastName, Pageable page);

    List<Contact> findByLastName(String lastName, Sort sort);

    Optional<Contact> findFirstByLastNameOrderByIdAsc(String lastName);

    List<Contact> findTop3ByLastNameOrderByIdAsc(String lastName);

    long countByLastName(String lastName);

    boolean existsByLastName(String lastName);
  }

  static Stream<Arguments> cases() {
    return Database.all().stream()
        .flatMap(db -> Stream.of(1, 2, 50).map(size -> Arguments.of(db, size)));
  }

  static <T> T withRepository(JpaFixture f, Function<Contacts, T> work) {
    return as(f, OWNER, s -> work.apply(new JpaRepositoryFactory(s).getRepository(Contacts.class)));
  }

  /**
   * {@value #HELD} contacts named Mäkinen the owner may see, two whose 8-bit index collides with
   * it, one Mäkinen of a colleague's (denied to the owner); returns the colliding names.
   */
  static List<String> seed(JpaFixture f) {
    List<String> others = colliding(f, NAME, 2);
    as(
        f,
        OWNER,
        s -> {
          for (int k = 0; k < HELD; k++) {
            s.persist(new Contact("e-1", k % 2 == 0 ? NAME : " makinen", "040 " + k));
          }
          others.forEach(n -> s.persist(new Contact("e-1", n, "050")));
          return null;
        });
    as(
        f,
        COLLEAGUE,
        s -> {
          s.persist(new Contact("e-2", NAME, "060"));
          return null;
        });
    return others;
  }

  static List<UUID> ids(List<Contact> contacts) {
    return contacts.stream().map(c -> c.id).toList();
  }

  @ParameterizedTest(name = "{0}, page size {1}")
  @MethodSource("cases")
  void pageAndSlice_walkTheExactSet_andTheCountAgrees(Database db, int size) {
    db.assumeAvailable();
    try (JpaFixture f = new JpaFixture(db, Map.of(), Client.class, Employee.class, Contact.class)) {
      seed(f);
      List<UUID> all = withRepository(f, r -> ids(r.findByLastName("mäkinen", Sort.by("id"))));
      assertThat(all).hasSize(HELD);

      List<UUID> paged = new ArrayList<>();
      List<UUID> sliced = new ArrayList<>();
      int pages = (HELD + size - 1) / size;
      for (int n = 0; n < pages; n++) {
        PageRequest request = PageRequest.of(n, size, Sort.by("id"));
        Page<Contact> page = withRepository(f, r -> r.findByLastName(NAME, request));
        Slice<Contact> slice = withRepository(f, r -> r.readByLastName(NAME, request));
        assertThat(page.getTotalElements()).as("page %d", n).isEqualTo(HELD);
        assertThat(page.getTotalPages()).isEqualTo(pages);
        assertThat(page.getNumberOfElements()).isEqualTo(Math.min(size, HELD - n * size));
        assertThat(slice.hasNext()).isEqualTo(n < pages - 1);
        assertThat(page.getContent())
            .allSatisfy(c -> assertThat(c.lastName).isIn(NAME, " makinen"));
        paged.addAll(ids(page.getContent()));
        sliced.addAll(ids(slice.getContent()));
      }
      Page<Contact> beyond =
          withRepository(
              f, r -> r.findByLastName(NAME, PageRequest.of(pages, size, Sort.by("id"))));

      assertThat(paged).containsExactlyElementsOf(all);
      assertThat(sliced).containsExactlyElementsOf(all);
      assertThat(beyond.getContent()).isEmpty();
      assertThat(beyond.getTotalElements()).isEqualTo(HELD);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fi.suoja.jpa.SpringDataRepositoryTest#databases")
  void countExistsFirstAndTop_answerOverTheExactSet(Database db) {
    db.assumeAvailable();
    try (JpaFixture f = new JpaFixture(db, Map.of(), Client.class, Employee.class, Contact.class)) {
      List<String> others = seed(f);
      List<UUID> all = withRepository(f, r -> ids(r.findByLastName(NAME, Sort.by("id"))));

      long held = withRepository(f, r -> r.countByLastName(NAME));
      long collided = withRepository(f, r -> r.countByLastName(others.get(0)));
      long nobody = withRepository(f, r -> r.countByLastName("nobody"));
      boolean exists = withRepository(f, r -> r.existsByLastName(NAME));
      boolean existsNobody = withRepository(f, r -> r.existsByLastName("nobody"));
      Optional<UUID> first =
          withRepository(f, r -> r.findFirstByLastNameOrderByIdAsc(NAME).map(c -> c.id));
      List<UUID> top = withRepository(f, r -> ids(r.findTop3ByLastNameOrderByIdAsc(NAME)));

      assertThat(held).isEqualTo(HELD);
      assertThat(collided).isEqualTo(1);
      assertThat(nobody).isZero();
      assertThat(exists).isTrue();
      assertThat(existsNobody).isFalse();
      assertThat(first).contains(all.get(0));
      assertThat(top).containsExactlyElementsOf(all.subList(0, 3));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fi.suoja.jpa.SpringDataRepositoryTest#databases")
  void aRecordTheActorMayNotSee_isNeitherCountedNorExists(Database db) {
    db.assumeAvailable();
    try (JpaFixture f = new JpaFixture(db, Map.of(), Client.class, Employee.class, Contact.class)) {
      as(
          f,
          COLLEAGUE,
          s -> {
            s.persist(new Contact("e-2", "Salonen", "060"));
            return null;
          });

      long count = withRepository(f, r -> r.countByLastName("Salonen"));
      boolean exists = withRepository(f, r -> r.existsByLastName("Salonen"));

      assertThat(count).isZero();
      assertThat(exists).isFalse();
      Page<Contact> page =
          withRepository(f, r -> r.findByLastName("Salonen", PageRequest.of(0, 1)));
      assertThat(page.getTotalElements()).isZero();
      assertThat(page.getContent()).isEmpty();
    }
  }

  @Test
  void moreCandidatesThanTheLimit_failLoudly_butAPlainListIsNotLimited() {
    Map<String, Object> limit = Map.of(SuojaJpaSettings.LOOKUP_CANDIDATE_LIMIT, "3");
    try (JpaFixture f =
        new JpaFixture(Database.all().get(0), limit, Client.class, Employee.class, Contact.class)) {
      seed(f);
      List<Function<Contacts, ?>> bounded =
          List.of(
              r -> r.findByLastName(NAME, PageRequest.of(0, 2)),
              r -> r.countByLastName(NAME),
              r -> r.existsByLastName(NAME));
      for (Function<Contacts, ?> query : bounded) {
        assertThatThrownBy(() -> withRepository(f, query))
            .isInstanceOfSatisfying(
                SuojaException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-5130"))
            .hasMessageContaining("Contact.lastName")
            .hasMessageContaining(SuojaJpaSettings.LOOKUP_CANDIDATE_LIMIT)
            .hasMessageNotContaining(NAME);
      }
      List<Contact> all = withRepository(f, r -> r.findByLastName(NAME, Sort.unsorted()));
      assertThat(all).hasSize(HELD);
    }
    assertThatThrownBy(
            () ->
                new JpaFixture(
                    Database.all().get(0),
                    Map.of(SuojaJpaSettings.LOOKUP_CANDIDATE_LIMIT, "0"),
                    Contact.class))
        .satisfies(e -> assertThat(SpringDataRepositoryTest.suojaCode(e)).isEqualTo("SUOJA-5131"));
  }
}
