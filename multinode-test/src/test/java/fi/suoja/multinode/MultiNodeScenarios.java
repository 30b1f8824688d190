package fi.suoja.multinode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 19's scenarios, each an assertion, run by three application JVMs on one database. The
 * subclasses name the database; a missing URL skips them with a message.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class MultiNodeScenarios {
  /** The short profile (CI); {@code -Dsuoja.multinode.soak=true} multiplies every duration. */
  static final int SOAK = Boolean.getBoolean("suoja.multinode.soak") ? 20 : 1;

  abstract String database();

  String url() {
    String name = database();
    String url = System.getProperty("suoja.test." + name + ".url");
    if (url == null || url.isBlank()) {
      url = System.getenv("SUOJA_TEST_" + name.toUpperCase(Locale.ROOT) + "_URL");
    }
    Assumptions.assumeTrue(
        url != null && !url.isBlank(),
        name
            + " not configured: set SUOJA_TEST_"
            + name.toUpperCase(Locale.ROOT)
            + "_URL (.ci/run does); the multi-node harness is skipped");
    return url;
  }

  @AfterAll
  static void printSummary() {
    Summary.print();
  }

  @Test
  @Order(1)
  void newTenantOnAllNodesAtOnce_oneKeyVersion_everyNodeReadsEveryRow() throws Exception {
    try (Cluster cluster = new Cluster(database(), url(), Map.of())) {
      cluster.start("A", "B", "C");
      String tenant = "T-" + cluster.prefix;
      long at = System.currentTimeMillis() + 1500;
      int perNode = 10 * SOAK;
      for (Cluster.Node n : cluster.nodes.values()) {
        n.send("create " + tenant + " e-" + n.name + " " + perNode + " " + at);
      }
      for (Cluster.Node n : cluster.nodes.values()) {
        n.await(l -> l.startsWith("ok create") || l.startsWith("err create"), 120);
        assertThat(n.lines()).as(n.name).contains("ok create");
      }
      // exactly one key version of each kind for the tenant, created by one of the three racers
      try (var c = cluster.connect();
          var s = c.createStatement();
          var rs =
              s.executeQuery(
                  "SELECT key_kind, COUNT(*), MAX(version) FROM "
                      + cluster.prefix
                      + "key WHERE tenant = '"
                      + tenant
                      + "' GROUP BY key_kind")) {
        int kinds = 0;
        while (rs.next()) {
          kinds++;
          assertThat(rs.getLong(2)).as("versions of key kind " + rs.getString(1)).isEqualTo(1);
          assertThat(rs.getInt(3)).isEqualTo(1);
        }
        assertThat(kinds).as("key kinds of the new tenant").isPositive();
      }
      long rows = 3L * perNode;
      for (Cluster.Node n : cluster.nodes.values()) {
        assertThat(n.call("readall " + tenant, 120))
            .as(n.name + " reads every node's rows, each opened to its value")
            .isEqualTo("ok readall " + rows + " 0");
      }
      for (Cluster.Node n : cluster.nodes.values()) {
        n.call("exit", 60);
      }
      long[] audit = cluster.checkAudit();
      assertThat(audit[0]).isEqualTo(audit[1]);
      Summary.row(
          database(),
          "1 new tenant, 3 nodes",
          "all",
          rows,
          0,
          "race on key creation / ok",
          audit[0],
          audit[1],
          rows * 3);
    }
  }

  @Test
  @Order(2)
  void nodeKilledWhileAppendingAudit_everyAcknowledgedEventVerified() throws Exception {
    try (Cluster cluster = new Cluster(database(), url(), Map.of())) {
      cluster.start("A", "B", "C");
      String tenants = "T1-" + cluster.prefix + " T2-" + cluster.prefix;
      long millis = 12_000L * SOAK;
      for (Cluster.Node n : cluster.nodes.values()) {
        n.send("load " + millis + " 3 " + tenants);
      }
      Cluster.Node a = cluster.node("A");
      // kill -9 under load, at a random point after A has had 10 events acknowledged
      a.awaitNth(l -> l.startsWith("ack "), 10, 120);
      Thread.sleep(ThreadLocalRandom.current().nextInt(500));
      a.kill();
      assertThat(a.lines()).as("A was killed while loaded").noneMatch(l -> l.startsWith("ok load"));
      double aSeconds = a.secondsAlive();
      Map<String, String[]> done = new java.util.HashMap<>();
      for (String name : List.of("B", "C")) {
        Cluster.Node n = cluster.node(name);
        String ok = n.await(l -> l.startsWith("ok load") || l.startsWith("err load"), 300);
        String[] w = ok.split(" ", -1);
        assertThat(w[1]).isEqualTo("load");
        assertThat(Long.parseLong(w[3])).as(name + " failed operations " + n.failures()).isZero();
        n.call("exit", 60);
        done.put(name, w);
      }
      Map<String, long[]> audit = cluster.checkAuditPerNode();
      for (String name : List.of("B", "C")) {
        assertThat(audit.get(name)[1])
            .as(name + " stored = acknowledged")
            .isEqualTo(audit.get(name)[0]);
        String[] w = done.get(name);
        Summary.row(
            database(),
            "4 kill -9 under audit load",
            name,
            Long.parseLong(w[2]),
            Long.parseLong(w[4]) / 1000.0,
            "-",
            audit.get(name)[0],
            audit.get(name)[1],
            0);
      }
      // A: everything acknowledged is stored (checked above); at most the open batch more
      assertThat(audit.get("A")[1]).isGreaterThanOrEqualTo(audit.get("A")[0]);
      Summary.row(
          database(),
          "4 kill -9 under audit load",
          "A",
          a.count("ack "),
          aSeconds,
          "kill -9 / chain verifies",
          audit.get("A")[0],
          audit.get("A")[1],
          0);
    }
  }

  @Test
  @Order(3)
  void keyRotationOnOneNodeWhileOthersWork_noFailures_killedRotationResumes() throws Exception {
    try (Cluster cluster = new Cluster(database(), url(), Map.of())) {
      cluster.start("A", "B", "C");
      List<String> tenants = List.of("T1-" + cluster.prefix, "T2-" + cluster.prefix);
      String both = String.join(" ", tenants);
      // rows under key version 1: seeded by A, and by B's and C's workload
      for (String t : tenants) {
        cluster.node("A").call("create " + t + " e-seed " + 40 * SOAK + " 0", 300);
      }
      for (String name : List.of("B", "C")) {
        cluster.node(name).send("load " + 3000L * SOAK + " 2 " + both);
      }
      for (String name : List.of("B", "C")) {
        Cluster.Node n = cluster.node(name);
        assertThat(n.reply("load", 1, 300).split(" ", -1)[3])
            .as(name + " " + n.failures())
            .isEqualTo("0");
      }
      for (String t : tenants) {
        assertThat(cluster.local().suoja.keyring().rotate(t).version()).isEqualTo(2);
      }
      Thread.sleep(1500); // every node's key cache (TTL 1 s) sees version 2 from here on
      for (String name : List.of("B", "C")) {
        cluster.node(name).send("load " + 15_000L * SOAK + " 2 " + both);
      }
      Cluster.Node a = cluster.node("A");
      a.send("rotate 10 250");
      a.awaitNth(l -> l.startsWith("batch "), 3, 300);
      a.kill();
      assertThat(a.lines())
          .as("killed before it finished")
          .noneMatch(l -> l.startsWith("ok rotate"));
      cluster.start("A");
      Cluster.Node restarted = cluster.node("A");
      assertThat(restarted.call("rotate 50 0", 300))
          .as("the restarted rotation finishes with nothing left under version 1")
          .isEqualTo("ok rotate 0");
      long ops = 0;
      for (String name : List.of("B", "C")) {
        Cluster.Node n = cluster.node(name);
        String[] w = n.reply("load", 2, 300).split(" ", -1);
        assertThat(Long.parseLong(w[3]))
            .as(name + " operations failed during the rotation " + n.failures())
            .isZero();
        ops += Long.parseLong(w[2]);
        Summary.row(
            database(),
            "2 rotation on A, B+C load",
            name,
            Long.parseLong(w[2]),
            Long.parseLong(w[4]) / 1000.0,
            "rotation + kill -9 A / ok",
            n.count("ack "),
            0,
            0);
      }
      for (String name : List.of("A", "B", "C")) {
        cluster.node(name).call("exit", 60);
      }
      long checked = 0;
      for (String entity : List.of("Client", "Message")) {
        Map<String, Integer> versions = cluster.keyVersions(entity);
        assertThat(versions)
            .as(entity + " values not under version 2")
            .allSatisfy((k, v) -> assertThat(v).isEqualTo(2));
        checked += versions.size();
      }
      assertThat(checked).isGreaterThan(ops / 10);
      long[] audit = cluster.checkAudit();
      Summary.row(
          database(),
          "2 rotation on A, B+C load",
          "all",
          ops,
          0,
          "no failed op",
          audit[0],
          audit[1],
          checked);
    }
  }

  @Test
  @Order(4)
  void plaintextMigrationSharedByThreeNodes_oneKilled_rerunSealsEveryRowOnce() throws Exception {
    try (Cluster cluster = new Cluster(database(), url(), Map.of("legacy", "true"))) {
      cluster.local(); // the schema
      String tenant = "T-" + cluster.prefix;
      int rows = 200 * SOAK;
      Map<String, String[]> originals = new java.util.HashMap<>();
      java.util.Random random = new java.util.Random();
      try (var c = cluster.connect();
          var ps =
              c.prepareStatement(
                  "INSERT INTO "
                      + cluster.prefix
                      + "Client (id, organisation, responsibleEmployee, firstName, lastName, hetu)"
                      + " VALUES (?, ?, ?, ?, ?, ?)")) {
        for (int i = 0; i < rows; i++) {
          java.util.UUID id = java.util.UUID.randomUUID();
          String[] v = {NodeApp.firstName(id), "Suku-" + i, Hetu.random(random)};
          ps.setObject(1, id);
          ps.setString(2, tenant);
          ps.setString(3, "e-legacy");
          ps.setString(4, v[0]);
          ps.setString(5, v[1]);
          ps.setString(6, v[2]);
          ps.addBatch();
          originals.put(id.toString(), v);
        }
        ps.executeBatch();
      }
      cluster.start("A", "B", "C");
      for (Cluster.Node n : cluster.nodes.values()) {
        n.send("migrate 10 150");
      }
      Cluster.Node b = cluster.node("B");
      b.awaitNth(l -> l.startsWith("batch "), 2, 300);
      b.kill(); // mid-batch: its open transaction rolls back, its row locks go
      for (String name : List.of("A", "C")) {
        cluster.node(name).reply("migrate", 1, 300);
      }
      // the rerun (one node) seals whatever the killed node's batch left
      cluster.node("A").call("migrate 50 0", 300);
      for (String name : List.of("A", "C")) {
        cluster.node(name).call("exit", 60);
      }
      Map<String, Integer> versions = cluster.keyVersions("Client");
      assertThat(versions).as("every value is an envelope").hasSize(rows * 3);
      assertThat(versions.values()).allSatisfy(v -> assertThat(v).isEqualTo(1));
      // opened once, every value is the original: none lost, none sealed twice
      Map<String, String[]> opened = cluster.local().openAll(tenant);
      assertThat(opened).hasSize(rows);
      originals.forEach((id, v) -> assertThat(opened.get(id)).as("row " + id).containsExactly(v));
      long[] audit = cluster.checkAudit();
      Summary.row(
          database(),
          "3 migration on 3 nodes",
          "all",
          rows,
          0,
          "kill -9 B mid-batch / ok",
          audit[0],
          audit[1],
          rows);
    }
  }

  @Test
  @Order(5)
  void auditTableRefusesWrites_accessesFailClosed_nothingAcknowledgedLost_recovers()
      throws Exception {
    try (Cluster cluster = new Cluster(database(), url(), Map.of())) {
      cluster.local();
      cluster.dedicatedAuditUser();
      cluster.start("A", "B", "C");
      String both = "T1-" + cluster.prefix + " T2-" + cluster.prefix;
      for (Cluster.Node n : cluster.nodes.values()) {
        n.send("load " + 16_000L * SOAK + " 2 " + both);
      }
      for (Cluster.Node n : cluster.nodes.values()) {
        n.awaitNth(l -> l.startsWith("ack "), 10, 120);
      }
      cluster.grantAuditInsert(false); // INSERT on the audit table revoked from the nodes' user
      for (Cluster.Node n : cluster.nodes.values()) {
        // every node meets the refusal: its next audited access fails
        n.await(l -> l.startsWith("fail "), 60);
      }
      Thread.sleep(1000L * SOAK);
      cluster.grantAuditInsert(true);
      long ops = 0;
      for (Cluster.Node n : cluster.nodes.values()) {
        String[] w = n.reply("load", 1, 300).split(" ", -1);
        ops += Long.parseLong(w[2]);
        List<String> lines = n.lines();
        int lastFail = 0;
        for (int k = 0; k < lines.size(); k++) {
          String l = lines.get(k);
          if (l.startsWith("fail ")) {
            lastFail = k;
            assertThat(l)
                .as("a failed access names the audit trail and shows no personal data")
                .containsPattern("AuditUnavailableException|AUDIT_UNAVAILABLE")
                .doesNotContain("Etu-")
                .doesNotContainPattern("[0-9]{6}[-+A][0-9]{3}[0-9A-Y]");
          }
        }
        assertThat(lines.subList(lastFail, lines.size()))
            .as(n.name + " works again once the audit table takes writes, without a restart")
            .anyMatch(l -> l.startsWith("ack "));
        n.call("exit", 60);
        Summary.row(
            database(),
            "6 audit INSERT revoked",
            n.name,
            Long.parseLong(w[2]),
            Long.parseLong(w[4]) / 1000.0,
            w[3] + " failed closed / ok",
            n.count("ack "),
            0,
            0);
      }
      // every acknowledged event stored, every read audited, every chain (old and new) verifies
      long[] audit = cluster.checkAudit();
      assertThat(audit[1]).isEqualTo(audit[0]);
      Summary.row(
          database(),
          "6 audit INSERT revoked",
          "all",
          ops,
          0,
          "revoke / fail closed",
          audit[0],
          audit[1],
          0);
    }
  }
}
