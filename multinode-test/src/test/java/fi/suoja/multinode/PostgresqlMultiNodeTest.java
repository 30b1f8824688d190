package fi.suoja.multinode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The multi-node scenarios on PostgreSQL ({@code SUOJA_TEST_POSTGRESQL_URL}), and the restart of a
 * PostgreSQL server of the harness's own.
 */
class PostgresqlMultiNodeTest extends MultiNodeScenarios {
  @Override
  String database() {
    return "postgresql";
  }

  @Test
  @Order(6)
  void postgresqlRestartedMidRun_requestsFailClosed_thenSucceedWithoutRestartingNodes()
      throws Exception {
    url(); // like the other scenarios, only where PostgreSQL tests are switched on
    Optional<String> why = OwnPostgres.unavailable();
    Assumptions.assumeTrue(
        why.isEmpty(),
        () -> "scenario 5 needs a PostgreSQL server of its own to restart: " + why.orElse(""));
    try (OwnPostgres pg = OwnPostgres.start();
        Cluster cluster = new Cluster("postgresql", pg.url(), Map.of())) {
      cluster.start("A", "B", "C");
      String both = "T1-" + cluster.prefix + " T2-" + cluster.prefix;
      for (Cluster.Node n : cluster.nodes.values()) {
        n.send("load " + 20_000L * SOAK + " 2 " + both);
      }
      for (Cluster.Node n : cluster.nodes.values()) {
        n.awaitNth(l -> l.startsWith("ack "), 10, 120);
      }
      pg.stopServer();
      for (Cluster.Node n : cluster.nodes.values()) {
        n.await(l -> l.startsWith("fail "), 60); // every node's requests now fail
      }
      Thread.sleep(1000L * SOAK);
      pg.startServer();
      long ops = 0;
      for (Cluster.Node n : cluster.nodes.values()) {
        String[] w = n.reply("load", 1, 300).split(" ", -1);
        ops += Long.parseLong(w[2]);
        assertThat(Long.parseLong(w[3])).as(n.name + " requests failed while down").isPositive();
        List<String> lines = n.lines();
        int lastFail = 0;
        for (int k = 0; k < lines.size(); k++) {
          if (lines.get(k).startsWith("fail ")) {
            lastFail = k;
            assertThat(lines.get(k))
                .as("a failed request shows no personal data")
                .doesNotContain("Etu-")
                .doesNotContainPattern("[0-9]{6}[-+A][0-9]{3}[0-9A-Y]");
          }
        }
        assertThat(lines.subList(lastFail, lines.size()))
            .as(n.name + " serves again after the restart, the node not restarted")
            .anyMatch(l -> l.startsWith("ack "))
            .anyMatch(l -> l.startsWith("readok "));
        n.call("exit", 60);
        Summary.row(
            database(),
            "5 PostgreSQL restarted",
            n.name,
            Long.parseLong(w[2]),
            Long.parseLong(w[4]) / 1000.0,
            w[3] + " failed closed / ok",
            n.count("ack "),
            0,
            0);
      }
      // nothing read without its READ event, nothing acknowledged lost, every chain verifies
      long[] audit = cluster.checkAudit();
      assertThat(audit[1]).isEqualTo(audit[0]);
      Summary.row(
          database(),
          "5 PostgreSQL restarted",
          "all",
          ops,
          0,
          "server restart / ok",
          audit[0],
          audit[1],
          0);
    }
  }
}
