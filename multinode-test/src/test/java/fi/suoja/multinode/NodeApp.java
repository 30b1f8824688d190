package fi.suoja.multinode;

import fi.suoja.Suoja;
import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.Auditor;
import fi.suoja.audit.ChainKey;
import fi.suoja.audit.sink.ChainOptions;
import fi.suoja.audit.sink.JdbcAuditSink;
import fi.suoja.audit.spi.AuditSink;
import fi.suoja.crypto.spi.JdbcWrappedKeyStore;
import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.jpa.KeyRotation;
import fi.suoja.jpa.PlaintextMigration;
import fi.suoja.jpa.PrivacyQueries;
import fi.suoja.jpa.SuojaJpaSettings;
import fi.suoja.policy.AccessPolicy;
import fi.suoja.policy.Action;
import fi.suoja.policy.Actor;
import fi.suoja.policy.CareAccessPolicy;
import fi.suoja.policy.Decision;
import fi.suoja.policy.IncidentGrants;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import fi.suoja.policy.Role;
import java.io.PrintStream;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.hibernate.SessionFactory;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl;
import org.hibernate.cfg.Configuration;
import org.hibernate.engine.jdbc.env.spi.JdbcEnvironment;

/**
 * The harness's application: a Suoja runtime (wrapped keys in a shared table, its own audit chain
 * in the shared {@link JdbcAuditSink} table) and a Hibernate SessionFactory over {@link Client} and
 * {@link Message}. Run in a child JVM by {@link NodeMain}, and in the test's JVM to create the
 * schema and check results. Every line it prints is one protocol line (see {@link NodeMain}).
 */
final class NodeApp implements AutoCloseable {
  /** One row this node created and still knows: what a read must open to. */
  record Row(UUID id, String tenant, String owner, String firstName, String hetu) {}

  final Map<String, String> cfg;
  final String node;
  final Suoja suoja;
  final SessionFactory sessions;
  final AckingSink sink;
  private final PrintStream out;
  private final Map<String, List<Row>> rows = new ConcurrentHashMap<>();

  NodeApp(Map<String, String> cfg, String schemaAction, PrintStream out) {
    this.cfg = cfg;
    this.node = cfg.get("node");
    this.out = out;
    JdbcWrappedKeyStore keys =
        JdbcWrappedKeyStore.builder(new UrlDataSource(cfg.get("url")))
            .table(cfg.get("keyTable"))
            .createTableIfMissing(true)
            .build();
    this.sink = new AckingSink(this);
    this.suoja =
        Suoja.builder()
            .keyProvider(
                KeyProvider.inMemory(Map.of(1, HexFormat.of().parseHex(cfg.get("master")))))
            .wrappedKeyStore(keys)
            .crypto(
                c ->
                    c.createTenantKeysOnFirstUse(true)
                        .dataKeyCacheTtl(Duration.ofMillis(Long.parseLong(cfg.get("keyTtlMs")))))
            .entities(Client.class, Message.class)
            .policy(policy())
            .auditor(Auditor.builder(sink).application("multinode").node(node).build())
            .build();
    Configuration hc = new Configuration();
    hc.addAnnotatedClass(Client.class);
    hc.addAnnotatedClass(Message.class);
    hc.getProperties().put("hibernate.connection.datasource", new UrlDataSource(cfg.get("url")));
    hc.setProperty("hibernate.hbm2ddl.auto", schemaAction);
    hc.setPhysicalNamingStrategy(new Prefixed(cfg.get("prefix")));
    hc.getProperties().put(SuojaJpaSettings.RUNTIME, suoja);
    if ("true".equals(cfg.get("legacy"))) {
      hc.setProperty(SuojaJpaSettings.LEGACY_PLAINTEXT, "read");
    }
    this.sessions = hc.buildSessionFactory();
  }

  /**
   * The eChat care policy, plus: an employee deletes the clients and messages they own (the care
   * policy leaves deletion to the erasure flow; this app deletes directly).
   */
  static AccessPolicy policy() {
    AccessPolicy care =
        CareAccessPolicy.builder().incidentGrants(IncidentGrants.inMemory()).build();
    return (actor, action, record) ->
        action == Action.DELETE
                && actor.hasRole(Role.EMPLOYEE)
                && actor.userId().equals(record.owner())
            ? Decision.allow("OWNER")
            : care.decide(actor, action, record);
  }

  static Actor employee(String tenant, String id) {
    return Actor.tenantUser(id, tenant, Role.EMPLOYEE);
  }

  static Actor admin(String tenant) {
    return Actor.tenantUser("e-lead", tenant, Role.ORG_ADMIN);
  }

  void print(String line) {
    if (out != null) {
      out.println(line);
    }
  }

  /** Creates {@code n} clients of {@code tenant} owned by {@code owner}, one transaction each. */
  List<Row> create(String tenant, String owner, int n, Random random) {
    List<Row> made = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      made.add(createOne(tenant, owner, random));
    }
    return made;
  }

  Row createOne(String tenant, String owner, Random random) {
    UUID id = UUID.randomUUID();
    Row row = new Row(id, tenant, owner, firstName(id), Hetu.random(random));
    PrivacyContext.runAs(
        employee(tenant, owner),
        Purpose.CARE,
        () ->
            sessions.inTransaction(
                s -> {
                  s.persist(new Client(id, owner, row.firstName(), "Suku-" + node, row.hetu()));
                  s.persist(new Message(UUID.randomUUID(), owner, id, "Viesti " + row.firstName()));
                }));
    rows.computeIfAbsent(tenant + "/" + owner, k -> new ArrayList<>());
    synchronized (rows) {
      rows.get(tenant + "/" + owner).add(row);
    }
    return row;
  }

  /** What a client's first name is: derived from its id, so any node can check what it opened. */
  static String firstName(UUID id) {
    return "Etu-" + id.toString().substring(0, 8);
  }

  /**
   * Reads every client of the tenant as its organisation admin.
   *
   * @return {rows read, rows whose first name did not open to the value derived from the id}
   */
  long[] readAll(String tenant) {
    return PrivacyContext.callAs(
        admin(tenant),
        Purpose.CARE,
        () ->
            sessions.fromTransaction(
                s -> {
                  List<Client> all =
                      s.createSelectionQuery("from Client", Client.class).getResultList();
                  long wrong =
                      all.stream().filter(c -> !firstName(c.id).equals(c.firstName)).count();
                  return new long[] {all.size(), wrong};
                }));
  }

  /** Every client of the tenant opened as its organisation admin: id -> {first, last, hetu}. */
  Map<String, String[]> openAll(String tenant) {
    return PrivacyContext.callAs(
        admin(tenant),
        Purpose.CARE,
        () ->
            sessions.fromTransaction(
                s -> {
                  Map<String, String[]> out = new java.util.HashMap<>();
                  for (Client c :
                      s.createSelectionQuery("from Client", Client.class).getResultList()) {
                    out.put(c.id.toString(), new String[] {c.firstName, c.lastName, c.hetu});
                  }
                  return out;
                }));
  }

  /**
   * The mixed workload: {@code threads} threads, each an employee of one of the tenants, create,
   * read, update, look up (blind index) and delete their own clients until {@code millis} have
   * passed. Prints "readok id" after each successful read and "fail op class message" after each
   * failed operation.
   *
   * @return {operations, failures}
   */
  long[] load(List<String> tenants, long millis, int threads) throws InterruptedException {
    AtomicLong ops = new AtomicLong();
    AtomicLong fails = new AtomicLong();
    long end = System.nanoTime() + millis * 1_000_000L;
    List<Thread> all = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String tenant = tenants.get(t % tenants.size());
      String owner = "e-" + node + "-" + t;
      Random random = new Random(ThreadLocalRandom.current().nextLong());
      Thread thread =
          new Thread(
              () -> {
                while (System.nanoTime() < end) {
                  String op = "?";
                  try {
                    op = step(tenant, owner, random);
                    ops.incrementAndGet();
                  } catch (RuntimeException e) {
                    fails.incrementAndGet();
                    print("fail " + op + " " + describe(e));
                    pause(20);
                  }
                }
              },
              node + "-load-" + t);
      thread.start();
      all.add(thread);
    }
    for (Thread t : all) {
      t.join();
    }
    return new long[] {ops.get(), fails.get()};
  }

  private String step(String tenant, String owner, Random random) {
    List<Row> mine = rows.computeIfAbsent(tenant + "/" + owner, k -> new ArrayList<>());
    Row some;
    synchronized (rows) {
      some = mine.isEmpty() ? null : mine.get(random.nextInt(mine.size()));
    }
    int dice = random.nextInt(100);
    if (some == null || dice < 20) {
      createOne(tenant, owner, random);
      return "create";
    }
    Actor actor = employee(tenant, owner);
    if (dice < 50) {
      Client c =
          PrivacyContext.callAs(
              actor,
              Purpose.CARE,
              () -> sessions.fromTransaction(s -> s.find(Client.class, some.id())));
      if (c == null || !some.firstName().equals(c.firstName) || !some.hetu().equals(c.hetu)) {
        throw new IllegalStateException("read " + some.id() + " did not open to what was written");
      }
      print("readok " + some.id());
      return "read";
    }
    if (dice < 65) {
      PrivacyContext.runAs(
          actor,
          Purpose.CARE,
          () ->
              sessions.inTransaction(
                  s -> s.find(Client.class, some.id()).lastName = "Suku-" + random.nextInt(1000)));
      return "update";
    }
    if (dice < 90) {
      List<Client> found =
          PrivacyContext.callAs(
              actor,
              Purpose.CARE,
              () ->
                  sessions.fromTransaction(
                      s -> PrivacyQueries.findBy(s, Client.class, "hetu", some.hetu())));
      if (found.size() != 1 || !found.get(0).id.equals(some.id())) {
        throw new IllegalStateException("lookup of " + some.id() + " found " + found.size());
      }
      print("readok " + some.id());
      return "lookup";
    }
    synchronized (rows) {
      mine.remove(some);
    }
    PrivacyContext.runAs(
        actor,
        Purpose.CARE,
        () ->
            sessions.inTransaction(
                s -> {
                  for (Message m :
                      s.createSelectionQuery("from Message where clientId = :c", Message.class)
                          .setParameter("c", some.id())
                          .getResultList()) {
                    s.remove(m);
                  }
                  s.remove(s.find(Client.class, some.id()));
                }));
    return "delete";
  }

  static String describe(Throwable e) {
    StringBuilder b = new StringBuilder(e.getClass().getSimpleName());
    for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      b.append('/').append(c.getClass().getSimpleName());
    }
    String m = String.valueOf(e.getMessage()).replaceAll("[\\r\\n]+", " ");
    return b + " " + (m.length() > 300 ? m.substring(0, 300) : m);
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** KeyRotation of both entities, pausing after each batch; prints "batch n" per batch. */
  List<KeyRotation.Progress> rotate(int batch, long pauseMs) {
    return KeyRotation.builder(sessions)
        .batchSize(batch)
        .listener(
            p -> {
              print("batch " + p.entity() + " " + p.scanned());
              pause(pauseMs);
            })
        .build()
        .run();
  }

  /** PlaintextMigration of the clients, pausing after each batch; prints "batch n" per batch. */
  PlaintextMigration.Progress migrate(int batch, long pauseMs) {
    return PlaintextMigration.builder(sessions)
        .batchSize(batch)
        .listener(
            p -> {
              print("batch " + p.entity() + " " + p.scanned() + " " + p.sealedRows());
              pause(pauseMs);
            })
        .build()
        .run(Client.class);
  }

  @Override
  public void close() {
    sessions.close();
    sink.close();
  }

  /**
   * The node's audit sink: its own chain in the shared table, printing "ack id action record" once
   * the sink acknowledged an event. A chain that failed a write refuses every later event (fail
   * closed, docs/AUDIT.md); the next event then starts a new chain ({@code node-epoch-generation}),
   * as an operator restarting the sink would, so the node recovers without a restart.
   */
  static final class AckingSink implements AuditSink {
    private final NodeApp app;
    private final long epoch = System.currentTimeMillis();
    private JdbcAuditSink current;
    private int generation;

    AckingSink(NodeApp app) {
      this.app = app;
    }

    private synchronized JdbcAuditSink current() {
      if (current != null && !current.writable()) {
        try {
          current.close();
        } catch (RuntimeException ignored) {
          // the failed chain ends where it failed; the verifier shows it
        }
        current = null;
      }
      if (current == null) {
        generation++;
        Map<String, String> cfg = app.cfg;
        current =
            JdbcAuditSink.builder(new UrlDataSource(cfg.get("auditUrl")))
                .table(cfg.get("auditTable"))
                .chain(
                    ChainOptions.builder()
                        .chainId(app.node + "-" + epoch + "-" + generation)
                        .chainKey(ChainKey.of(HexFormat.of().parseHex(cfg.get("chainKey"))))
                        .checkpoints(privateKey(cfg.get("checkpointKey")))
                        .checkpointEvery(200, Duration.ofSeconds(1))
                        .build())
                .build();
      }
      return current;
    }

    @Override
    public void record(AuditEvent event) {
      current().record(event);
      ack(event);
    }

    @Override
    public void recordAll(List<AuditEvent> events) {
      current().recordAll(events);
      events.forEach(this::ack);
    }

    private void ack(AuditEvent e) {
      app.print(
          "ack "
              + e.id()
              + " "
              + e.action()
              + " "
              + (e.resource() == null ? "-" : e.resource().id()));
    }

    @Override
    public boolean writable() {
      return true;
    }

    @Override
    public synchronized void close() {
      if (current != null) {
        current.close();
      }
    }
  }

  static PrivateKey privateKey(String base64) {
    try {
      return KeyFactory.getInstance("Ed25519")
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Table names with the run's prefix, so runs on a shared database never meet. */
  static final class Prefixed extends PhysicalNamingStrategyStandardImpl {
    private static final long serialVersionUID = 1L;
    private final String prefix;

    Prefixed(String prefix) {
      this.prefix = prefix;
    }

    @Override
    public Identifier toPhysicalTableName(Identifier name, JdbcEnvironment context) {
      return Identifier.toIdentifier(prefix + name.getText(), name.isQuoted());
    }
  }
}
