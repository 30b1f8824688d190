package fi.suoja.samples.echat;

import fi.suoja.Suoja;
import fi.suoja.SuojaException;
import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.Auditor;
import fi.suoja.audit.ChainKey;
import fi.suoja.audit.report.SubjectAccessReport;
import fi.suoja.audit.sink.ChainOptions;
import fi.suoja.audit.sink.CompositeAuditSink;
import fi.suoja.audit.sink.InMemoryAuditSink;
import fi.suoja.audit.sink.JsonLinesFileSink;
import fi.suoja.audit.verify.AuditVerifier;
import fi.suoja.audit.verify.Verification;
import fi.suoja.crypto.CipherContext;
import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.WrappedKeyStore;
import fi.suoja.jpa.ErasureResult;
import fi.suoja.jpa.SubjectExport;
import fi.suoja.jpa.SubjectRights;
import fi.suoja.jpa.SuojaJpaSettings;
import fi.suoja.jpa.processing.ProcessingConsistency;
import fi.suoja.jpa.processing.ProcessingDeclaration;
import fi.suoja.jpa.processing.ProcessingRecord;
import fi.suoja.masking.MaskerSelector;
import fi.suoja.masking.slf4j.MaskingLoggerFactory;
import fi.suoja.policy.AccessDeniedException;
import fi.suoja.policy.Actor;
import fi.suoja.policy.CareAccessPolicy;
import fi.suoja.policy.IncidentGrant;
import fi.suoja.policy.IncidentGrants;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import fi.suoja.policy.Role;
import fi.suoja.policy.Side;
import fi.suoja.policy.TenantPrivacySettings;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.slf4j.Logger;

/**
 * The eChat processing model, walked through step by step: what the database holds, who may read
 * what, provider support under an incident grant, masked logs and the audit trail.
 *
 * <pre>
 * mvn -B -q -pl samples -am package -DskipTests exec:java                       # H2 in memory
 * mvn -B -q -pl samples -am package -DskipTests exec:java -Dexec.args="--jdbc-url jdbc:postgresql://127.0.0.1:5432/test?user=postgres"
 * </pre>
 */
public final class EChatWalkthrough {
  static final String HOIVA = "hoiva-aurinko";
  static final String KOTIHOITO = "kotihoito-kuu";

  private final PrintStream out;
  private final Path work;
  private final String jdbcUrl;
  private final KeyProvider givenMasterKeys;
  private final List<Outcome> outcomes = new ArrayList<>();
  private final SampleClock clock = new SampleClock(Instant.parse("2026-11-24T08:00:00Z"));
  private final IncidentGrants.Registry grants = IncidentGrants.inMemory();
  private final InMemoryAuditSink audit = new InMemoryAuditSink();
  private final ChainKey chainKey = ChainKey.generate();
  private KeyPair checkpointKeys;
  private JsonLinesFileSink fileTrail;

  private Suoja suoja;
  private SessionFactory db;
  private KeyProvider masterKeys;
  private CareAccessPolicy policy;

  // the people of the story
  private final Actor hoivaAdmin =
      Actor.tenantUser("hoiva-u100", HOIVA, Role.EMPLOYEE, Role.ORG_ADMIN);
  private final Actor nurseAino = Actor.tenantUser("hoiva-u101", HOIVA, Role.EMPLOYEE);
  private final Actor nurseEero = Actor.tenantUser("hoiva-u102", HOIVA, Role.EMPLOYEE);
  private final Actor kotiAdmin =
      Actor.tenantUser("koti-u200", KOTIHOITO, Role.EMPLOYEE, Role.ORG_ADMIN);
  private final Actor kotiNurse = Actor.tenantUser("koti-u201", KOTIHOITO, Role.EMPLOYEE);
  private final Actor support = Actor.providerUser("prov-s900", Role.PROVIDER_SUPPORT);

  private UUID ainosClient;
  private UUID kotiClient;

  public EChatWalkthrough(String jdbcUrl, Path work, PrintStream out) {
    this(jdbcUrl, work, out, null);
  }

  /**
   * As {@link #EChatWalkthrough(String, Path, PrintStream)} with the master keys from {@code
   * masterKeys} (e.g. {@code KeyProvider.pkcs11(...)}, an HSM) instead of the sample's PKCS#12
   * store; {@code null}: that store. The log pseudonym key still comes from the store.
   */
  public EChatWalkthrough(String jdbcUrl, Path work, PrintStream out, KeyProvider masterKeys) {
    this.jdbcUrl = jdbcUrl;
    this.work = work;
    this.out = out;
    this.givenMasterKeys = masterKeys;
  }

  public static void main(String[] args) {
    String url = "jdbc:h2:mem:echat;DB_CLOSE_DELAY=-1";
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("--jdbc-url")) {
        url = args[i + 1];
      }
    }
    new EChatWalkthrough(url, Path.of("target", "echat"), System.out).run();
  }

  /** Runs every step and returns what each observed. */
  public List<Outcome> run() {
    setUp();
    try {
      seed();
      step1WhatTheDatabaseHolds();
      step2WhoMayReadAClient();
      step3ProviderSupport();
      step4MaskedLogs();
      step5AuditTrail();
      step6RecordOfProcessing();
      step7SubjectRights();
      return List.copyOf(outcomes);
    } finally {
      db.close();
      fileTrail.close();
    }
  }

  // ---- configuration: everything a host application writes ------------------------------------

  private void setUp() {
    KeyProvider store = SampleKeys.pkcs12(work); // also holds the log pseudonym key
    masterKeys = givenMasterKeys != null ? givenMasterKeys : store;
    List<TenantPrivacySettings> settings =
        List.of(
            new TenantPrivacySettings(HOIVA, false, true), // logs anonymised; incidents ok
            new TenantPrivacySettings(KOTIHOITO, true, false)); // logs pseudonymised; no incidents
    policy =
        CareAccessPolicy.builder()
            .clock(clock)
            .incidentGrants(grants)
            .tenantSettings(settings)
            .build();
    fileTrail = auditTrail();
    suoja =
        Suoja.builder()
            .keyProvider(masterKeys)
            .wrappedKeyStore(WrappedKeyStore.directory(SampleKeys.wrappedKeyDirectory(work)))
            .crypto(c -> c.createTenantKeysOnFirstUse(true))
            .entities(Employee.class, Client.class, ChatMessage.class)
            .policy(policy)
            .auditor(
                Auditor.builder(CompositeAuditSink.all(fileTrail, audit))
                    .application("echat")
                    .node("node-1")
                    .build())
            .logMasking(
                tenant -> settings.stream().filter(t -> t.tenant().equals(tenant)).findFirst(),
                SampleKeys.pseudonymKey(work))
            .providerId("echat-provider")
            .build();
    Configuration cfg =
        new Configuration()
            .addAnnotatedClass(Organisation.class)
            .addAnnotatedClass(Employee.class)
            .addAnnotatedClass(Client.class)
            .addAnnotatedClass(ChatMessage.class)
            .setProperty("hibernate.connection.url", jdbcUrl)
            .setProperty("hibernate.hbm2ddl.auto", "create-drop");
    cfg.getProperties().put(SuojaJpaSettings.RUNTIME, suoja);
    db = cfg.buildSessionFactory();
  }

  /** A hash-chained, Merkle-logged audit file with Ed25519-signed checkpoints, fresh per run. */
  private JsonLinesFileSink auditTrail() {
    try {
      SampleKeys.deleteRecursively(work.resolve("audit"));
      checkpointKeys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is missing from this JDK", e);
    }
    ChainOptions chain =
        ChainOptions.builder()
            .chainId("node-1")
            .chainKey(chainKey)
            .checkpoints(checkpointKeys.getPrivate())
            .checkpointEvery(20, Duration.ofMinutes(1))
            .build();
    return JsonLinesFileSink.builder(work.resolve("audit").resolve("trail"))
        .chain(chain)
        .checkpointDirectory(work.resolve("audit").resolve("checkpoints"))
        .durability(JsonLinesFileSink.Durability.DURABLE)
        .build();
  }

  // ---- the story
  // ---------------------------------------------------------------------------------

  private void seed() {
    FinnishData data = new FinnishData(2026);
    as(
        hoivaAdmin,
        Purpose.ADMINISTRATION,
        s -> {
          s.persist(new Organisation(HOIVA, "Hoivapalvelu Aurinko Oy", false, true));
          s.persist(new Organisation(KOTIHOITO, "Kotihoito Kuu Oy", true, false));
          for (Actor a : List.of(hoivaAdmin, nurseAino, nurseEero)) {
            s.persist(employee(data, a, "aurinko.fi"));
          }
          return null;
        });
    as(
        kotiAdmin,
        Purpose.ADMINISTRATION,
        s -> {
          for (Actor a : List.of(kotiAdmin, kotiNurse)) {
            s.persist(employee(data, a, "kuu.fi"));
          }
          return null;
        });
    ainosClient =
        as(
            nurseAino,
            Purpose.CARE,
            s -> {
              Client c = new Client(nurseAino.userId(), "Helmi", "Mäkelä", "010594Y9021");
              s.persist(c);
              s.persist(
                  new ChatMessage(
                      nurseAino.userId(),
                      c.id,
                      true,
                      "Hei, olen Helmi Mäkelä (010594Y9021), voiko käynnin siirtää? helmi.makela@example.fi",
                      clock.instant()));
              for (int i = 0; i < 3; i++) {
                s.persist(
                    new Client(nurseAino.userId(), data.firstName(), data.lastName(), data.hetu()));
              }
              return c.id;
            });
    as(
        nurseEero,
        Purpose.CARE,
        s -> {
          for (int i = 0; i < 3; i++) {
            s.persist(
                new Client(nurseEero.userId(), data.firstName(), data.lastName(), data.hetu()));
          }
          return null;
        });
    kotiClient =
        as(
            kotiNurse,
            Purpose.CARE,
            s -> {
              Client c = new Client(kotiNurse.userId(), "Väinö", "Laine", data.hetu());
              s.persist(c);
              return c.id;
            });
  }

  private Employee employee(FinnishData data, Actor a, String domain) {
    String first = data.firstName();
    String last = data.lastName();
    String roles = String.join(",", a.roles().stream().map(Role::name).toList());
    String title = a.hasRole(Role.ORG_ADMIN) ? "Palveluesimies" : "Lähihoitaja";
    return new Employee(
        a.userId(),
        first,
        last,
        FinnishData.email(first, last, domain),
        data.phone(),
        data.hetu(),
        title,
        roles);
  }

  private void step1WhatTheDatabaseHolds() {
    heading(1, "What the database holds, and what an entitled employee sees");
    List<String[]> rows =
        db.fromSession(
            s ->
                s.doReturningWork(
                    c -> {
                      List<String[]> r = new ArrayList<>();
                      try (Statement st = c.createStatement();
                          ResultSet rs =
                              st.executeQuery(
                                  "select lastName, hetu, hetuIndex from Client where responsibleEmployee = '"
                                      + nurseAino.userId()
                                      + "' order by id")) {
                        while (rs.next()) {
                          r.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                        }
                      }
                      return r;
                    }));
    out.println("Raw SQL: select lastName, hetu, hetuIndex from Client  (Aino's clients)");
    for (String[] r : rows) {
      out.printf("  lastName=%s...  hetu=%s...  hetuIndex=%s%n", cut(r[0]), cut(r[1]), r[2]);
    }
    boolean plaintextInDb =
        rows.stream().anyMatch(r -> r[0].contains("Mäkelä") || r[1].contains("010594Y9021"));
    record(1, "database holds plaintext of Helmi Mäkelä", plaintextInDb ? "YES" : "NO");
    Client c = as(nurseAino, Purpose.CARE, s -> s.find(Client.class, ainosClient));
    out.printf(
        "Aino (responsible employee) opens the record: %s %s, HETU %s%n",
        c.firstName, c.lastName, c.hetu);
    record(1, "responsible employee sees the name", c.lastName);
    // Plain JPQL (as a Spring Data findByHetu issues it): Suoja compares hetuIndex instead.
    List<String> byHetu =
        as(
            nurseAino,
            Purpose.CARE,
            s ->
                s
                    .createSelectionQuery("from Client c where c.hetu = :hetu", Client.class)
                    .setParameter("hetu", "010594y9021")
                    .getResultList()
                    .stream()
                    .map(found -> found.lastName)
                    .toList());
    out.println(
        "Aino finds the record by HETU with plain JPQL (where c.hetu = :hetu; Suoja"
            + " searches hetuIndex and checks the opened value): "
            + byHetu);
    record(1, "found by HETU with plain JPQL", String.join(",", byHetu));
  }

  private void step2WhoMayReadAClient() {
    heading(2, "Who may read a client: owner, colleague, organisation admin");
    tryRead(2, "Aino reads her own client", nurseAino, HOIVA, ainosClient);
    tryRead(2, "Eero reads Aino's client", nurseEero, HOIVA, ainosClient);
    tryRead(2, "the organisation admin reads Aino's client", hoivaAdmin, HOIVA, ainosClient);
    AuditEvent elevated = lastAudit();
    out.println("The admin's access in the audit trail (elevated, with its basis):");
    out.println("  " + elevated.toJson());
    record(
        2, "admin access audited as elevated", elevated.elevated() + ":" + elevated.basis().code());
  }

  private void step3ProviderSupport() {
    heading(3, "Provider support: employee accounts yes, client data only under an incident grant");
    String title =
        PrivacyContext.callOn(
            HOIVA,
            support,
            Purpose.ACCOUNT_MANAGEMENT,
            () ->
                db.fromTransaction(
                    s -> {
                      Employee e = s.find(Employee.class, nurseEero.userId());
                      e.jobTitle = "Sairaanhoitaja";
                      return e.jobTitle;
                    }));
    out.println("Support updates Eero's job title (account management): " + title);
    record(3, "support updates an employee account", "ALLOWED:" + lastAudit().basis().code());
    tryRead(3, "support reads a client without a grant", support, HOIVA, ainosClient);

    Instant now = clock.instant();
    grants.grant(
        IncidentGrant.forTenant(
                "grant-1",
                "INC-2026-118",
                HOIVA,
                now,
                now.plus(Duration.ofMinutes(30)),
                hoivaAdmin.userId())
            .onlyFor(support.userId()));
    out.println("The admin of " + HOIVA + " grants support 30 minutes for incident INC-2026-118.");
    tryRead(3, "support reads the client under the grant", support, HOIVA, ainosClient);
    clock.advance(Duration.ofMinutes(31));
    out.println("31 minutes later...");
    tryRead(3, "support reads the client after the grant expired", support, HOIVA, ainosClient);
    tryRead(
        3,
        "support reads a client of an organisation without consent",
        support,
        KOTIHOITO,
        kotiClient);
  }

  private void step4MaskedLogs() {
    heading(4, "Log lines: anonymised for one organisation, pseudonymised for another");
    Logger log = MaskingLoggerFactory.getLogger("echat.support");
    String hoivaLine = maskedLogLine(log, nurseAino, ainosClient);
    String kotiLine = maskedLogLine(log, kotiNurse, kotiClient);
    out.println("  " + HOIVA + " (anonymised):     " + hoivaLine);
    out.println("  " + KOTIHOITO + " (pseudonymised): " + kotiLine);
    record(
        4,
        "hoiva log line",
        hoivaLine.contains("<hetu>") && !hoivaLine.contains("Mäkelä") ? "ANONYMISED" : "LEAKED");
    record(
        4,
        "kotihoito log line",
        kotiLine.contains("<hetu:") && !kotiLine.contains("Laine") ? "PSEUDONYMISED" : "LEAKED");
  }

  /** The employee opens the client, then writes a careless log line about it. */
  private String maskedLogLine(Logger log, Actor employee, UUID clientId) {
    return PrivacyContext.callAs(
        employee,
        Purpose.CARE,
        () -> {
          Client c = db.fromTransaction(s -> s.find(Client.class, clientId));
          String line =
              "asiakas "
                  + c.firstName
                  + " "
                  + c.lastName
                  + " ("
                  + c.hetu
                  + ") pyysi soittoa numeroon +358 40 765 4321, s-posti "
                  + FinnishData.email(c.firstName, c.lastName, "example.fi");
          log.warn(line); // the wrapper masks on this thread, with this unit of work's values
          return MaskerSelector.scoped().select().mask(line);
        });
  }

  private void step5AuditTrail() {
    heading(5, "The audit trail: verified, tampered with, and a client's access report");
    fileTrail.flush();
    Path trail = work.resolve("audit").resolve("trail");
    Path checkpoints = work.resolve("audit").resolve("checkpoints");
    AuditVerifier verifier =
        AuditVerifier.builder()
            .chainKey(chainKey)
            .checkpointKey(checkpointKeys.getPublic())
            .build();
    List<Verification> intact = verifier.verifyFiles(trail, checkpoints);
    out.println("  " + intact.get(0));
    record(5, "untouched trail", AuditVerifier.firstBroken(intact).isEmpty() ? "INTACT" : "BROKEN");

    Path copy = work.resolve("audit").resolve("tampered");
    long line = SampleTamper.flipOneByte(trail, copy, 7);
    List<Verification> tampered = verifier.verifyFiles(copy, checkpoints);
    Verification.Broken broken = AuditVerifier.firstBroken(tampered).orElseThrow();
    out.printf("  one byte changed in record %d of a copy -> %s%n", line, broken);
    record(5, "tampered copy", "BROKEN@" + broken.position());
    record(5, "byte flipped in record", String.valueOf(line));

    SubjectAccessReport report =
        SubjectAccessReport.fromFiles(
            trail, ainosClient.toString(), Instant.EPOCH, Instant.now().plus(Duration.ofDays(1)));
    out.println("  Who has processed Helmi Mäkelä's data (subject " + ainosClient + "):");
    report.toText().lines().forEach(l -> out.println("    " + l));
    record(5, "access report entries", String.valueOf(report.entries().size()));
    record(
        5,
        "access report shows elevated accesses",
        String.valueOf(report.entries().stream().filter(e -> e.event().elevated()).count()));
  }

  private void step6RecordOfProcessing() {
    heading(6, "The record of processing, generated from the code and configuration");
    ProcessingRecord processing =
        ProcessingRecord.builder()
            .sessionFactory(db)
            .policy(policy)
            .tenants(HOIVA, KOTIHOITO)
            .auditSink(fileTrail)
            .keyProvider(masterKeys)
            .declared(
                ProcessingDeclaration.builder()
                    .controller("<the subscribing organisation>")
                    .processor("eChat provider (example)")
                    .purpose("Messages between care workers and their clients")
                    .legalBasis("GDPR Art. 6(1)(c) and 9(2)(h); Act 703/2023")
                    .auditRetention("as the controller decides")
                    .location("Finland")
                    .claim(ProcessingDeclaration.Claim.ALL_CLIENT_DATA_ENCRYPTED)
                    .build())
            .build();
    out.println(processing.toMarkdown());
    for (String subject : processing.subjects()) {
      record(
          6,
          "personal data of " + subject,
          String.join(
              ",",
              processing.fields().stream()
                  .filter(f -> f.subject().equals(subject))
                  .map(f -> f.entity() + "." + f.field() + ":" + f.category())
                  .toList()));
    }
    record(
        6,
        "record of processing is consistent",
        ProcessingConsistency.check(processing).toString());
  }

  private void step7SubjectRights() {
    heading(7, "Data subject rights: export, erasure under a legal hold, crypto-shredding");
    String helmi = ainosClient.toString();
    String backup = rawLastName(ainosClient); // a backup taken before the erasure
    SubjectRights rights = SubjectRights.builder(db).build();
    SubjectAccessReport report =
        SubjectAccessReport.fromFiles(
            work.resolve("audit").resolve("trail"),
            helmi,
            Instant.EPOCH,
            Instant.now().plus(Duration.ofDays(1)));
    SubjectExport export =
        PrivacyContext.callAs(
            hoivaAdmin, Purpose.DATA_SUBJECT_REQUEST, () -> rights.export(helmi, report));
    out.printf(
        "  Export for Helmi (Art. 15/20): %d records and her access report, %d bytes of JSON%n",
        export.recordCount(), export.toJson().length());
    record(7, "export records", String.valueOf(export.recordCount()));
    record(7, "export holds her name", String.valueOf(export.toJson().contains("Mäkelä")));

    ErasureResult erased =
        PrivacyContext.callAs(hoivaAdmin, Purpose.DATA_SUBJECT_REQUEST, () -> rights.erase(helmi));
    erased
        .erased()
        .forEach(e -> out.printf("  erased   %s %s (%s)%n", e.entity(), e.id(), e.how()));
    erased
        .retained()
        .forEach(
            r ->
                out.printf(
                    "  retained %s %s until %s: %s%n",
                    r.entity(), r.id(), r.holdEnds(), r.basis()));
    record(
        7,
        "erased",
        String.join(",", erased.erased().stream().map(ErasureResult.Erased::entity).toList()));
    record(
        7,
        "retained",
        String.join(",", erased.retained().stream().map(ErasureResult.Retained::entity).toList()));

    Client after = as(nurseAino, Purpose.CARE, s -> s.find(Client.class, ainosClient));
    record(7, "client record after erasure", after == null ? "GONE" : "PRESENT");
    String backupOpens;
    try {
      suoja.cipher().open(new CipherContext(HOIVA, "Client", "lastName", helmi), backup);
      backupOpens = "OPENS";
    } catch (SuojaException e) {
      backupOpens = "UNREADABLE:" + e.code();
    }
    out.println(
        "  Helmi's key destroyed: "
            + erased.subjectKeyDestroyed()
            + "; the backup copy of her last name: "
            + backupOpens);
    record(7, "backup after crypto-shredding", backupOpens);
  }

  private String rawLastName(UUID clientId) {
    return db.fromSession(
        s ->
            s.doReturningWork(
                c -> {
                  try (PreparedStatement ps =
                      c.prepareStatement("select lastName from Client where id = ?")) {
                    ps.setObject(1, clientId);
                    try (ResultSet rs = ps.executeQuery()) {
                      rs.next();
                      return rs.getString(1);
                    }
                  }
                }));
  }

  // ---- helpers ------------------------------------------------------------------------------

  private void tryRead(int step, String what, Actor actor, String tenant, UUID clientId) {
    String result;
    try {
      Purpose purpose =
          actor.side() == Side.PROVIDER ? Purpose.INCIDENT_INVESTIGATION : Purpose.CARE;
      Client c =
          PrivacyContext.callOn(
              tenant,
              actor,
              purpose,
              () -> db.fromTransaction(s -> s.find(Client.class, clientId)));
      AuditEvent e = lastAudit();
      result = (e.elevated() ? "ELEVATED:" : "ALLOWED:") + e.basis().code();
      out.printf("  %-58s -> %s (%s %s)%n", what, result, c.firstName, c.lastName);
    } catch (AccessDeniedException denied) {
      result = "DENIED:" + denied.decision().reason();
      out.printf("  %-58s -> %s%n", what, result);
    }
    record(step, what, result);
  }

  private <T> T as(Actor actor, Purpose purpose, Function<Session, T> work) {
    return PrivacyContext.callAs(actor, purpose, () -> db.fromTransaction(work));
  }

  private AuditEvent lastAudit() {
    List<AuditEvent> events = audit.events();
    return events.get(events.size() - 1);
  }

  private void record(int step, String check, String result) {
    outcomes.add(new Outcome(step, check, result));
  }

  private void heading(int n, String title) {
    out.println();
    out.println("== " + n + ". " + title + " " + "=".repeat(Math.max(3, 90 - title.length())));
  }

  private static String cut(String s) {
    return s == null ? "null" : s.substring(0, Math.min(24, s.length()));
  }
}
