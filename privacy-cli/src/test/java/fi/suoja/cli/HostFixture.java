package fi.suoja.cli;

import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.audit.sink.JdbcAuditSink;
import fi.suoja.crypto.spi.JdbcWrappedKeyStore;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A host application as an operator meets it: entity classes compiled at test time into a class
 * directory and a jar (never on the test's class path), their tables and Suoja's tables in a fresh
 * database, and a master key store written by {@code keys create-master}.
 */
final class HostFixture implements AutoCloseable {
  static final String PASSWORD_ENV = "SUOJA_KEYSTORE_PASSWORD";
  static final String PASSWORD = "correct horse battery staple";
  static final String TENANT = "care-a";

  /** A resident: sealed name and identity code, a blind index, deleted on erasure. */
  static final String RESIDENT =
      """
      package org.example.care;

      import fi.suoja.annotation.BlindIndex;
      import fi.suoja.annotation.Encrypted;
      import fi.suoja.annotation.Erasure;
      import fi.suoja.annotation.IndexNormalization;
      import fi.suoja.annotation.Owner;
      import fi.suoja.annotation.PersonalData;
      import jakarta.persistence.Column;
      import jakarta.persistence.Entity;
      import jakarta.persistence.Id;
      import org.hibernate.annotations.TenantId;

      @Entity
      @PersonalData(subject = "client")
      @Erasure(value = Erasure.Mode.DELETE_RECORD)
      public class Resident {
        @Id @Column(length = 64) public String id;
        @TenantId @Column(length = 64) public String organisation;
        @Owner @Column(length = 64) public String responsibleEmployee;

        @Encrypted
        @Column(length = 200)
        public String fullName;

        @Encrypted
        @Column(length = 200)
        public String hetu;

        @BlindIndex(of = "hetu", normalization = IndexNormalization.HETU)
        @Column(length = 64)
        public String hetuIndex;

        public Resident() {}
      }
      """;

  /** A visit note of a resident under a legal hold from its closing date. */
  static final String VISIT =
      """
      package org.example.care;

      import fi.suoja.annotation.DataSubjectId;
      import fi.suoja.annotation.Encrypted;
      import fi.suoja.annotation.LegalRetention;
      import fi.suoja.annotation.Owner;
      import fi.suoja.annotation.PersonalData;
      import jakarta.persistence.Column;
      import jakarta.persistence.Entity;
      import jakarta.persistence.Id;
      import java.time.LocalDate;
      import org.hibernate.annotations.TenantId;

      @Entity
      @PersonalData(subject = "client")
      @LegalRetention(basis = "care-records-act", period = "P1Y", from = "closedOn")
      public class VisitNote {
        @Id @Column(length = 64) public String id;
        @TenantId @Column(length = 64) public String organisation;
        @Owner @Column(length = 64) public String responsibleEmployee;
        @DataSubjectId @Column(length = 64) public String residentId;

        @Encrypted
        @Column(length = 400)
        public String observation;

        public LocalDate closedOn;

        public VisitNote() {}
      }
      """;

  /** Not an entity: discovery must leave it out. */
  static final String HELPER =
      """
      package org.example.care;

      public final class Helper {
        private Helper() {}
      }
      """;

  final Path dir;
  final Path classes;
  final Path jar;
  final Path masterKey;
  final Databases.Fresh db;

  HostFixture(Path dir, Databases database) {
    this.dir = dir;
    this.classes = compile(dir.resolve("classes"), RESIDENT, VISIT, HELPER);
    this.jar = jar(classes, dir.resolve("care-app.jar"));
    this.db = database.fresh();
    createTables(db.url, dialect(database));
    this.masterKey = dir.resolve("suoja.p12");
    Cli.Result created =
        Cli.run(
            env(),
            "keys",
            "create-master",
            "--pkcs12",
            masterKey.toString(),
            "--password-env",
            PASSWORD_ENV);
    assertThat(created.exit()).as(created.all()).isZero();
  }

  static Map<String, String> env() {
    return Map.of(PASSWORD_ENV, PASSWORD);
  }

  /** The options every host command takes, for this fixture's jar. */
  List<String> hostArgs() {
    return List.of(db.url, "--classpath", jar.toString(), "--master-key", masterKey.toString());
  }

  /** {@code command} + the host options + {@code more}. */
  String[] args(List<String> command, String... more) {
    List<String> all = new ArrayList<>(command);
    all.addAll(hostArgs());
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  private static JdbcAuditSink.Dialect dialect(Databases database) {
    return switch (database) {
      case H2 -> JdbcAuditSink.Dialect.H2;
      case POSTGRESQL -> JdbcAuditSink.Dialect.POSTGRESQL;
      case MARIADB -> JdbcAuditSink.Dialect.MARIADB;
    };
  }

  private static void createTables(String url, JdbcAuditSink.Dialect dialect) {
    List<String> sql = new ArrayList<>();
    sql.add(
        "CREATE TABLE Resident (id VARCHAR(64) PRIMARY KEY, organisation VARCHAR(64),"
            + " responsibleEmployee VARCHAR(64), fullName VARCHAR(200), hetu VARCHAR(200),"
            + " hetuIndex VARCHAR(64))");
    sql.add("CREATE INDEX resident_hetu_ix ON Resident (hetuIndex)");
    sql.add(
        "CREATE TABLE VisitNote (id VARCHAR(64) PRIMARY KEY, organisation VARCHAR(64),"
            + " responsibleEmployee VARCHAR(64), residentId VARCHAR(64), observation"
            + " VARCHAR(400), closedOn DATE)");
    sql.add(
        JdbcWrappedKeyStore.ddl(
            dialect.name().toLowerCase(java.util.Locale.ROOT), JdbcWrappedKeyStore.DEFAULT_TABLE));
    sql.addAll(JdbcAuditSink.ddl(dialect, "suoja_audit"));
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      for (String q : sql) {
        s.execute(q);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the host's tables", e);
    }
  }

  /** Compiles Java sources against the test's class path into {@code out}. */
  static Path compile(Path out, String... sources) {
    try {
      Path src = Files.createDirectories(out.resolveSibling(out.getFileName() + "-src"));
      List<String> files = new ArrayList<>();
      for (String source : sources) {
        String pkg = source.replaceAll("(?s)^\\s*package ([\\w.]+);.*", "$1");
        String name = source.replaceAll("(?s).*public (?:final )?class (\\w+).*", "$1");
        Path file = src.resolve(pkg.replace('.', '/')).resolve(name + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source, StandardCharsets.UTF_8);
        files.add(file.toString());
      }
      Files.createDirectories(out);
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      List<String> args = new ArrayList<>();
      args.addAll(
          List.of("-proc:none", "-d", out.toString(), "-classpath", testClassPath(), "-nowarn"));
      args.addAll(files);
      int rc = javac.run(null, null, null, args.toArray(String[]::new));
      assertThat(rc).as("javac of the host's entities").isZero();
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The class path the tests run with (surefire's manifest-only jar expanded by javac). */
  static String testClassPath() {
    String cp = System.getProperty("java.class.path");
    String surefire = System.getProperty("surefire.test.class.path");
    if (surefire != null && !surefire.isBlank()) {
      cp = surefire + File.pathSeparator + cp;
    }
    return cp;
  }

  /** A jar of the class directory's files. */
  static Path jar(Path classes, Path jar) {
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        Stream<Path> walk = Files.walk(classes)) {
      for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
        out.write(Files.readAllBytes(p));
        out.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return jar;
  }

  /** A Spring Boot style executable jar: the classes under BOOT-INF/classes. */
  static Path bootJar(Path classes, Path jar) {
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        Stream<Path> walk = Files.walk(classes)) {
      out.putNextEntry(new JarEntry("BOOT-INF/classes/"));
      out.closeEntry();
      for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        out.putNextEntry(
            new JarEntry(
                "BOOT-INF/classes/" + classes.relativize(p).toString().replace('\\', '/')));
        out.write(Files.readAllBytes(p));
        out.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return jar;
  }

  static final String NAME = "Maija Meikäläinen";
  static final String HETU = "131052-308T";
  static final String OBSERVATION = "kaatui keittiössä";

  /**
   * Creates the tenant's key and, as the resident's nurse, resident {@code r-1} with two visit
   * notes: {@code v-old} closed six years ago (hold ended) and {@code v-new} closed yesterday.
   */
  void seed() throws Exception {
    HostOptions o = HostTest.parse(hostArgs());
    try (Host host = Host.open(o, env())) {
      host.suoja().keyring().create(TENANT);
      Class<?> resident = host.entities().get(0);
      Class<?> visit = host.entities().get(1);
      Object r = resident.getConstructor().newInstance();
      resident.getField("id").set(r, "r-1");
      resident.getField("responsibleEmployee").set(r, "aino.virtanen");
      resident.getField("fullName").set(r, NAME);
      resident.getField("hetu").set(r, HETU);
      List<Object> rows = new ArrayList<>(List.of(r));
      for (String[] v : new String[][] {{"v-old", "-2200"}, {"v-new", "-1"}}) {
        Object n = visit.getConstructor().newInstance();
        visit.getField("id").set(n, v[0]);
        visit.getField("responsibleEmployee").set(n, "aino.virtanen");
        visit.getField("residentId").set(n, "r-1");
        visit.getField("observation").set(n, OBSERVATION);
        visit
            .getField("closedOn")
            .set(
                n,
                java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(Long.parseLong(v[1])));
        rows.add(n);
      }
      fi.suoja.policy.PrivacyContext.runAs(
          fi.suoja.policy.Actor.tenantUser("aino.virtanen", TENANT, fi.suoja.policy.Role.EMPLOYEE),
          fi.suoja.policy.Purpose.CARE,
          () -> {
            try (org.hibernate.Session s = host.sessionFactory().openSession()) {
              s.getTransaction().begin();
              rows.forEach(s::persist);
              s.getTransaction().commit();
            }
          });
    }
  }

  /** The options of a job acting as the tenant's organisation admin. */
  static List<String> admin() {
    return List.of("--actor", "dpo.virtanen", "--tenant", TENANT);
  }

  /** One value of one row, as the database holds it. */
  String column(String table, String column, String id) {
    try (Connection c = DriverManager.getConnection(db.url);
        var ps = c.prepareStatement("SELECT " + column + " FROM " + table + " WHERE id = ?")) {
      ps.setString(1, id);
      try (var rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A count query's answer. */
  long count(String sql) {
    try (Connection c = DriverManager.getConnection(db.url);
        Statement s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    db.close();
  }
}
