package fi.suoja.multinode;

import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.ChainKey;
import fi.suoja.audit.sink.JdbcAuditSink;
import fi.suoja.audit.verify.AuditVerifier;
import fi.suoja.audit.verify.Verification;
import fi.suoja.crypto.CipherContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The harness: one set of tables (a unique prefix) on one database, application nodes in child JVMs
 * ({@link NodeMain}) that share them, and the checks run from the test's JVM.
 */
final class Cluster implements AutoCloseable {
  final String dbName;
  final String url;
  final String prefix =
      "mn" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL) + "_";
  final Map<String, String> cfg = new HashMap<>();
  final KeyPair checkpointKeys;
  final byte[] chainKey = new byte[32];
  final Map<String, Node> nodes = new LinkedHashMap<>();

  /** Every node started, including killed ones that a restart replaced in {@link #nodes}. */
  final List<Node> all = new ArrayList<>();

  private NodeApp local;

  Cluster(String dbName, String url, Map<String, String> extra) throws Exception {
    this.dbName = dbName;
    this.url = url;
    byte[] master = new byte[32];
    SecureRandom random = new SecureRandom();
    random.nextBytes(master);
    random.nextBytes(chainKey);
    checkpointKeys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    cfg.put("url", url);
    cfg.put("auditUrl", url);
    cfg.put("prefix", prefix);
    cfg.put("keyTable", prefix + "key");
    cfg.put("auditTable", prefix + "audit");
    cfg.put("master", HexFormat.of().formatHex(master));
    cfg.put("chainKey", HexFormat.of().formatHex(chainKey));
    cfg.put(
        "checkpointKey",
        Base64.getEncoder().encodeToString(checkpointKeys.getPrivate().getEncoded()));
    cfg.put("keyTtlMs", "1000");
    cfg.putAll(extra);
    JdbcAuditSink.createTables(new UrlDataSource(url), prefix + "audit");
  }

  /** The test JVM's own node ("harness"): creates the schema on first use; reads for checks. */
  synchronized NodeApp local() {
    if (local == null) {
      Map<String, String> c = new HashMap<>(cfg);
      c.put("node", "harness");
      local = new NodeApp(c, "update", null);
    }
    return local;
  }

  /** Starts nodes in parallel and waits until every one is ready. */
  void start(String... names) throws Exception {
    local();
    for (String name : names) {
      Node node = new Node(name, cfg);
      nodes.put(name, node);
      all.add(node);
    }
    for (String name : names) {
      nodes.get(name).await(l -> l.startsWith("ready"), 120);
    }
  }

  Node node(String name) {
    return nodes.get(name);
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url);
  }

  long count(String sql) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * The key version of every stored encrypted value of an entity's table ("id/field" -> version),
   * read from the envelope headers.
   */
  Map<String, Integer> keyVersions(String entity) throws SQLException {
    List<String> fields =
        entity.equals("Client") ? List.of("firstName", "lastName", "hetu") : List.of("body");
    Map<String, Integer> out = new HashMap<>();
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT id, organisation, "
                    + String.join(", ", fields)
                    + " FROM "
                    + prefix
                    + entity)) {
      while (rs.next()) {
        String id = rs.getString(1);
        for (int k = 0; k < fields.size(); k++) {
          String value = rs.getString(3 + k);
          out.put(
              id + "/" + fields.get(k),
              local()
                  .suoja
                  .cipher()
                  .keyOf(new CipherContext(rs.getString(2), entity, fields.get(k), id), value)
                  .version());
        }
      }
    }
    return out;
  }

  private String auditUser;

  /**
   * Creates a database user of its own for the nodes' audit sinks, allowed SELECT and INSERT on the
   * audit tables only, and points the nodes' {@code auditUrl} at it (call before {@link #start}).
   */
  void dedicatedAuditUser() throws SQLException {
    auditUser = prefix + "auditor";
    String password = "pw" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      if (dbName.equals("postgresql")) {
        s.execute("CREATE ROLE " + auditUser + " LOGIN PASSWORD '" + password + "'");
      } else {
        for (String host : List.of("%", "localhost", "127.0.0.1")) {
          s.execute(
              "CREATE USER '" + auditUser + "'@'" + host + "' IDENTIFIED BY '" + password + "'");
        }
      }
    }
    grantAuditInsert(true);
    grant("SELECT", prefix + "audit", true);
    grant("SELECT", prefix + "audit_checkpoint", true);
    grant("INSERT", prefix + "audit_checkpoint", true);
    String base = url.replaceAll("([?&])user=[^&]*&?", "$1").replaceAll("[?&]$", "");
    cfg.put(
        "auditUrl",
        base + (base.contains("?") ? "&" : "?") + "user=" + auditUser + "&password=" + password);
  }

  /** Grants (or revokes) INSERT on the audit table to the audit user. */
  void grantAuditInsert(boolean allowed) throws SQLException {
    grant("INSERT", prefix + "audit", allowed);
  }

  private void grant(String privilege, String table, boolean allowed) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      if (dbName.equals("postgresql")) {
        s.execute(
            (allowed ? "GRANT " : "REVOKE ")
                + privilege
                + " ON "
                + table
                + (allowed ? " TO " : " FROM ")
                + auditUser);
      } else {
        for (String host : List.of("%", "localhost", "127.0.0.1")) {
          s.execute(
              (allowed ? "GRANT " : "REVOKE ")
                  + privilege
                  + " ON "
                  + table
                  + (allowed ? " TO '" : " FROM '")
                  + auditUser
                  + "'@'"
                  + host
                  + "'");
        }
      }
    }
  }

  /** Every chain of the audit table, verified with the chain key and the checkpoint public key. */
  List<Verification> verifyChains() {
    return AuditVerifier.builder()
        .chainKey(ChainKey.of(chainKey))
        .checkpointKey(checkpointKeys.getPublic())
        .requireCheckpoints(false)
        .build()
        .verifyTable(new UrlDataSource(url), prefix + "audit", new UrlDataSource(url));
  }

  /** Every stored event, by id. */
  Map<String, AuditEvent> storedEvents() throws SQLException {
    Map<String, AuditEvent> out = new HashMap<>();
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT event_json FROM " + prefix + "audit")) {
      while (rs.next()) {
        AuditEvent e = AuditEvent.fromJson(rs.getString(1));
        out.put(e.id(), e);
      }
    }
    return out;
  }

  /**
   * Checks the audit trail against what the nodes were told: every chain verifies, every event a
   * node acknowledged is stored, and every read a node completed has a stored READ event of that
   * node for that record (at least as many as reads).
   *
   * @return {acknowledged, stored events of the nodes' chains}
   */
  long[] checkAudit() throws SQLException {
    long[] total = new long[2];
    checkAuditPerNode()
        .values()
        .forEach(
            v -> {
              total[0] += v[0];
              total[1] += v[1];
            });
    return total;
  }

  /** As {@link #checkAudit()}, per node: name -> {acknowledged, stored}. */
  Map<String, long[]> checkAuditPerNode() throws SQLException {
    Map<String, long[]> perNode = new LinkedHashMap<>();
    List<Verification> verified = verifyChains();
    assertThat(verified).allSatisfy(v -> assertThat(v).isInstanceOf(Verification.Intact.class));
    Map<String, AuditEvent> stored = storedEvents();
    for (Node n : all) {
      long acked = 0;
      Map<String, Integer> readsOk = new HashMap<>();
      for (String line : n.lines()) {
        String[] w = line.split(" ", -1);
        if (w[0].equals("ack")) {
          acked++;
          assertThat(stored).as("event acknowledged to " + n.name).containsKey(w[1]);
        } else if (w[0].equals("readok")) {
          readsOk.merge(w[1], 1, Integer::sum);
        }
      }
      Map<String, Integer> readEvents = new HashMap<>();
      for (AuditEvent e : stored.values()) {
        if (n.name.equals(e.node())
            && e.resource() != null
            && e.action() == fi.suoja.audit.AuditAction.READ) {
          readEvents.merge(e.resource().id(), 1, Integer::sum);
        }
      }
      readsOk.forEach(
          (id, reads) ->
              assertThat(readEvents.getOrDefault(id, 0))
                  .as("READ events of %s for a record it read %d times", n.name, reads)
                  .isGreaterThanOrEqualTo(reads));
      long mine = stored.values().stream().filter(e -> n.name.equals(e.node())).count();
      long[] before = perNode.get(n.name);
      perNode.put(n.name, new long[] {acked + (before == null ? 0 : before[0]), mine});
    }
    return perNode;
  }

  @Override
  public void close() throws SQLException {
    for (Node n : all) {
      n.kill();
    }
    if (local != null) {
      local.close();
    }
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      for (String t : List.of("Message", "Client", "key", "audit", "audit_checkpoint")) {
        s.execute("DROP TABLE IF EXISTS " + prefix + t);
      }
      if (auditUser != null && dbName.equals("postgresql")) {
        s.execute("DROP ROLE IF EXISTS " + auditUser);
      } else if (auditUser != null) {
        for (String host : List.of("%", "localhost", "127.0.0.1")) {
          s.execute("DROP USER IF EXISTS '" + auditUser + "'@'" + host + "'");
        }
      }
    }
  }

  /** One application node: a child JVM running {@link NodeMain}. */
  static final class Node {
    final String name;
    final Process process;
    private final Writer in;
    private final List<String> lines = new ArrayList<>();
    private final long started = System.nanoTime();

    Node(String name, Map<String, String> cfg) throws IOException {
      this.name = name;
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("-Xmx256m");
      cmd.add("-XX:+UseSerialGC");
      cmd.add("-XX:TieredStopAtLevel=1");
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add(NodeMain.class.getName());
      cmd.add("node=" + name);
      cfg.forEach((k, v) -> cmd.add(k + "=" + v));
      Path log =
          Files.createDirectories(Path.of("target", "multinode"))
              .resolve(cfg.get("prefix") + name + "-" + System.currentTimeMillis() + ".log");
      process =
          new ProcessBuilder(cmd)
              .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = r.readLine()) != null) {
                    synchronized (lines) {
                      lines.add(line);
                      lines.notifyAll();
                    }
                  }
                } catch (IOException e) {
                  // the process died: what it wrote before is kept
                }
                synchronized (lines) {
                  lines.add("eof");
                  lines.notifyAll();
                }
              },
              "node-" + name);
      reader.setDaemon(true);
      reader.start();
    }

    void send(String command) throws IOException {
      in.write(command + "\n");
      in.flush();
    }

    List<String> lines() {
      synchronized (lines) {
        return new ArrayList<>(lines);
      }
    }

    /** Waits for the first line (from the start of the output) that matches; fails on timeout. */
    String await(Predicate<String> match, int seconds) throws InterruptedException {
      return awaitNth(match, 1, seconds);
    }

    /** Waits for the n-th matching line. */
    String awaitNth(Predicate<String> match, int n, int seconds) throws InterruptedException {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      synchronized (lines) {
        while (true) {
          int seen = 0;
          for (String l : lines) {
            if (match.test(l) && ++seen == n) {
              return l;
            }
          }
          if (!lines.isEmpty() && lines.get(lines.size() - 1).equals("eof")) {
            throw new AssertionError(name + " exited; last lines " + tail());
          }
          long left = end - System.nanoTime();
          if (left <= 0) {
            throw new AssertionError(name + ": timed out; last lines " + tail());
          }
          lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
      }
    }

    private List<String> tail() {
      return lines.subList(Math.max(0, lines.size() - 5), lines.size());
    }

    /** Sends a command and returns its "ok ..." reply (the n-th of that command); fails on err. */
    String call(String command, int seconds) throws Exception {
      String verb = command.split(" ", -1)[0];
      long done =
          lines().stream()
              .filter(l -> l.startsWith("ok " + verb) || l.startsWith("err " + verb))
              .count();
      send(command);
      String reply =
          awaitNth(
              l -> l.startsWith("ok " + verb) || l.startsWith("err " + verb),
              (int) done + 1,
              seconds);
      assertThat(reply).as(name + " " + command).startsWith("ok ");
      return reply;
    }

    /** Waits for the n-th "ok verb" / "err verb" reply and returns it; fails on err. */
    String reply(String verb, int nth, int seconds) throws InterruptedException {
      String reply =
          awaitNth(l -> l.startsWith("ok " + verb) || l.startsWith("err " + verb), nth, seconds);
      assertThat(reply).as(name + " " + verb).startsWith("ok ");
      return reply;
    }

    /** The first "fail" lines, for assertion messages. */
    List<String> failures() {
      return lines().stream().filter(l -> l.startsWith("fail ")).limit(3).toList();
    }

    long count(String prefix) {
      return lines().stream().filter(l -> l.startsWith(prefix)).count();
    }

    /** kill -9. */
    void kill() {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    double secondsAlive() {
      return (System.nanoTime() - started) / 1e9;
    }

    @Override
    public String toString() {
      return name.toLowerCase(Locale.ROOT);
    }
  }
}
