package fi.suoja.jpa;

import static fi.suoja.jpa.EncryptedEntityTest.OWNER;
import static fi.suoja.jpa.EncryptedEntityTest.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.SuojaException;
import fi.suoja.jpa.model.Client;
import fi.suoja.jpa.model.Contact;
import fi.suoja.jpa.model.Employee;
import fi.suoja.jpa.model.PetOwner;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactory;
import org.springframework.data.repository.Repository;

/**
 * A Spring Data JPA repository with derived queries, unchanged, against Suoja (Spring Data 4.x on
 * Hibernate 7 as in Spring Boot 4; 3.5.x in the hibernate-6.6 build, as in Spring Boot 3.x).
 */
class SpringDataRepositoryTest {
  static final String HETU = "131052-308T";

  /** What a host writes: no Suoja type in sight. */
  interface Clients extends Repository<Client, UUID> {
    List<Client> findByHetu(String hetu);

    Optional<Client> findByHetuAndResponsibleEmployee(String hetu, String responsibleEmployee);

    long countByHetu(String hetu);

    List<Client> findByHetuNot(String hetu);

    Client save(Client client);

    Optional<Client> findById(UUID id);
  }

  /** An app's repository of owners whose IDENTITY id comes from a mapped superclass. */
  interface Owners extends Repository<PetOwner, Integer> {
    PetOwner save(PetOwner owner);

    Optional<PetOwner> findById(Integer id);

    List<PetOwner> findByLastName(String lastName);
  }

  static List<Database> databases() {
    return Database.all();
  }

  static <T> T withRepository(JpaFixture f, Function<Clients, T> work) {
    return as(f, OWNER, s -> work.apply(new JpaRepositoryFactory(s).getRepository(Clients.class)));
  }

  static UUID persist(JpaFixture f, String hetu) {
    return as(
        f,
        OWNER,
        s -> {
          Client c = new Client("e-1", "Aino", "Virtanen", hetu);
          s.persist(c);
          return c.id;
        });
  }

  @ParameterizedTest
  @MethodSource("databases")
  void derivedFindByHetu_findsExactlyTheRecordsHoldingTheValue(Database db) {
    db.assumeAvailable();
    try (JpaFixture f = new JpaFixture(db, Map.of(), Client.class, Employee.class, Contact.class)) {
      UUID id = persist(f, HETU);
      persist(f, "010190-999K");

      List<UUID> found =
          withRepository(f, r -> r.findByHetu(HETU).stream().map(c -> c.id).toList());
      Optional<UUID> one =
          withRepository(
              f, r -> r.findByHetuAndResponsibleEmployee("131052-308t", "e-1").map(c -> c.id));
      List<Client> none = withRepository(f, r -> r.findByHetu("311299-999X"));
      long count = withRepository(f, r -> r.countByHetu(HETU));

      assertThat(found).containsExactly(id);
      assertThat(one).contains(id);
      assertThat(none).isEmpty();
      assertThat(count).isEqualTo(1); // SpringDataPagingTest: pages, counts, exists
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void save_newAndDetached_sealsThroughMerge(Database db) throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = new JpaFixture(db, Map.of(), Client.class, Employee.class, Contact.class)) {
      // the id is assigned, so Spring Data's save() merges even the new entity
      Client fresh = new Client("e-1", "Helmi", "Mäkelä", "010594Y9032");
      withRepository(f, r -> r.save(fresh));
      Client detached = withRepository(f, r -> r.findById(fresh.id).orElseThrow());
      detached.lastName = "Korhonen";
      withRepository(f, r -> r.save(detached));

      assertThat(String.join(" ", EncryptedEntityTest.rawRow(f, "Client", fresh.id)))
          .doesNotContain("Helmi", "Mäkelä", "Korhonen", "010594Y9032");
      Client now = withRepository(f, r -> r.findByHetu("010594Y9032").get(0));
      assertThat(List.of(now.firstName, now.lastName)).containsExactly("Helmi", "Korhonen");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void identityIds_saveNewAndDetached_andFindByABlindIndexedAttribute(Database db)
      throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = new JpaFixture(db, Map.of(), PetOwner.class)) {
      // the id is null, so Spring Data's save() persists: the database assigns it
      Integer id =
          as(
              f,
              OWNER,
              s ->
                  new JpaRepositoryFactory(s)
                      .getRepository(Owners.class)
                      .save(new PetOwner("e-1", "Mäkelä", "040 765 4321"))
                      .id);
      PetOwner detached =
          as(
              f,
              OWNER,
              s ->
                  new JpaRepositoryFactory(s)
                      .getRepository(Owners.class)
                      .findById(id)
                      .orElseThrow());
      detached.lastName = "Korhonen";
      as(f, OWNER, s -> new JpaRepositoryFactory(s).getRepository(Owners.class).save(detached));

      assertThat(IdentityIdTest.raw(f, "PetOwner", id, "lastName"))
          .doesNotContain("Mäkelä", "Korhonen");
      List<Integer> found =
          as(
              f,
              OWNER,
              s ->
                  new JpaRepositoryFactory(s)
                      .getRepository(Owners.class).findByLastName("korhonen").stream()
                          .map(o -> o.id)
                          .toList());
      assertThat(found).containsExactly(id);
    }
  }

  @Test
  void derivedQueriesThatCannotBeRewritten_failLoudly() {
    try (JpaFixture f =
        new JpaFixture(Database.all().get(0), Map.of(), Client.class, Employee.class)) {
      persist(f, HETU);
      for (Function<Clients, ?> query : List.<Function<Clients, ?>>of(r -> r.findByHetuNot(HETU))) {
        assertThatThrownBy(() -> withRepository(f, query))
            .satisfies(e -> assertThat(suojaCode(e)).isEqualTo("SUOJA-5101"))
            .hasMessageNotContaining(HETU);
      }
    }
  }

  static String suojaCode(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SuojaException s) {
        return s.code();
      }
    }
    return null;
  }
}
