package fi.suoja.multinode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;
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
}
