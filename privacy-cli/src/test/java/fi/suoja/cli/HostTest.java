package fi.suoja.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.policy.Actor;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import fi.suoja.policy.Role;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@link Host}: the host's entity classes from a jar, a class directory or a Spring Boot jar,
 * integrated with a Suoja runtime over the master key file, the key table and the audit table of
 * the host's database; values written through it are sealed and audited; bad options fail with
 * their codes.
 */
class HostTest {
  @TempDir Path dir;
  HostFixture fx;

  @Command(name = "t")
  static final class T {
    @Mixin HostOptions host = new HostOptions();
  }

  static HostOptions parse(List<String> args, String... more) {
    T t = new T();
    List<String> all = new java.util.ArrayList<>(args);
    all.addAll(List.of(more));
    new CommandLine(t).parseArgs(all.toArray(String[]::new));
    return t.host;
  }

  @BeforeEach
  void setUp() {
    fx = new HostFixture(dir, Databases.H2);
  }

  @AfterEach
  void tearDown() {
    fx.close();
  }

  @Test
  void runtime_sealsAndAuditsThroughTheHostsEntities() throws Exception {
    try (Host host = Host.open(parse(fx.hostArgs()), HostFixture.env())) {
      assertThat(host.entities())
          .extracting(Class::getName)
          .containsExactly("org.example.care.Resident", "org.example.care.VisitNote");
      // the classes come from the host's jar, not from the command line's class path
      assertThat(host.entities().get(0).getClassLoader()).isSameAs(host.loader());
      host.suoja().keyring().create(HostFixture.TENANT);
      Actor nurse = Actor.tenantUser("aino.virtanen", HostFixture.TENANT, Role.EMPLOYEE);
      Class<?> type = host.entities().get(0);
      Object resident = type.getConstructor().newInstance();
      type.getField("id").set(resident, "r-1");
      type.getField("responsibleEmployee").set(resident, "aino.virtanen");
      type.getField("fullName").set(resident, "Maija Meikäläinen");
      type.getField("hetu").set(resident, "131052-308T");
      PrivacyContext.runAs(
          nurse,
          Purpose.CARE,
          () -> {
            try (Session s = host.sessionFactory().openSession()) {
              s.getTransaction().begin();
              s.persist(resident);
              s.getTransaction().commit();
            }
          });
      String stored = fx.column("Resident", "fullName", "r-1");
      assertThat(stored).isNotBlank().doesNotContain("Maija");
      assertThat(fx.column("Resident", "hetu", "r-1")).doesNotContain("131052");
      assertThat(fx.column("Resident", "hetuIndex", "r-1")).isNotBlank();
      assertThat(fx.column("Resident", "organisation", "r-1")).isEqualTo(HostFixture.TENANT);
      assertThat(fx.count("SELECT COUNT(*) FROM suoja_audit")).isPositive();
      Object read =
          PrivacyContext.callAs(
              nurse,
              Purpose.CARE,
              () -> {
                try (Session s = host.sessionFactory().openSession()) {
                  return s.find(type, "r-1");
                }
              });
      assertThat(type.getField("fullName").get(read)).isEqualTo("Maija Meikäläinen");
    }
  }

  @Test
  void discovery_classDirectoryAndBootJar_findTheEntitiesOnly() {
    for (Path entry :
        List.of(fx.classes, HostFixture.bootJar(fx.classes, dir.resolve("boot.jar")))) {
      try (HostClasses classes = HostClasses.load(List.of(entry), List.of())) {
        assertThat(classes.entities())
            .extracting(Class::getSimpleName)
            .containsExactly("Resident", "VisitNote");
      }
    }
  }

  @Test
  void entitiesByName() {
    try (HostClasses classes =
        HostClasses.load(List.of(fx.jar), List.of("org.example.care.VisitNote"))) {
      assertThat(classes.entities()).extracting(Class::getSimpleName).containsExactly("VisitNote");
    }
    assertCode(
        () -> HostClasses.load(List.of(fx.jar), List.of("org.example.care.Helper")),
        "SUOJA-9061",
        SuojaCommand.USAGE);
    assertCode(
        () -> HostClasses.load(List.of(fx.jar), List.of("org.example.care.Missing")),
        "SUOJA-9061",
        SuojaCommand.USAGE);
    assertCode(
        () -> HostClasses.load(List.of(dir.resolve("nowhere.jar")), List.of()),
        "SUOJA-9060",
        SuojaCommand.USAGE);
    assertCode(
        () ->
            HostClasses.load(
                List.of(HostFixture.compile(dir.resolve("none"), HostFixture.HELPER)), List.of()),
        "SUOJA-9062",
        SuojaCommand.USAGE);
  }

  @Test
  void masterKey_wrongPasswordUnsetVariableOrMissingOption() {
    assertCode(
        () -> Host.open(parse(fx.hostArgs()), Map.of(HostFixture.PASSWORD_ENV, "wrong-password!")),
        "SUOJA-9064",
        SuojaCommand.UNAVAILABLE);
    assertCode(() -> Host.open(parse(fx.hostArgs()), Map.of()), "SUOJA-9003", SuojaCommand.USAGE);
    assertCode(
        () ->
            Host.open(
                parse(List.of(fx.db.url, "--classpath", fx.jar.toString())), HostFixture.env()),
        "SUOJA-9064",
        SuojaCommand.USAGE);
  }

  @Test
  void missingSuojaTable_isUnavailable() {
    assertCode(
        () -> Host.open(parse(fx.hostArgs(), "--audit-table", "no_such_audit"), HostFixture.env()),
        "SUOJA-9067",
        SuojaCommand.UNAVAILABLE);
    assertCode(
        () -> Host.open(parse(fx.hostArgs(), "--key-table", "no_such_keys"), HostFixture.env()),
        "SUOJA-9067",
        SuojaCommand.UNAVAILABLE);
  }

  @Test
  void hibernateProperties_credentialsAndSuojaKeysRefused() {
    for (String p :
        List.of(
            "hibernate.connection.password=x",
            "hibernate.connection.url=jdbc:h2:mem:x",
            "suoja.enabled=false",
            "javax.net.ssl.trustStorePassword=x")) {
      assertCode(
          () -> Host.open(parse(fx.hostArgs(), "--hibernate", p), HostFixture.env()),
          "SUOJA-9068",
          SuojaCommand.USAGE);
    }
  }

  @Test
  void mappingThatDoesNotMatchTheSchema_isCodedNotAStackTrace() {
    Map<String, String> env = new HashMap<>(HostFixture.env());
    // snake_case names: the persistence unit still builds (the schema is not validated here)
    try (Host host = Host.openModel(parse(fx.hostArgs(), "--naming", "snake_case"), env)) {
      assertThat(host.suoja()).isNull();
      assertThat(host.sessionFactory().getMetamodel().getEntities()).hasSize(2);
    }
  }

  static void assertCode(Runnable call, String code, int exit) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            CliException.class,
            e -> {
              assertThat(e.code()).isEqualTo(code);
              assertThat(e.exitCode()).isEqualTo(exit);
              assertThat(e.getMessage()).doesNotContain(HostFixture.PASSWORD);
            });
  }
}
