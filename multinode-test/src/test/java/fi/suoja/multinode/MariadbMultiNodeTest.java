package fi.suoja.multinode;

/** The multi-node scenarios on MariaDB ({@code SUOJA_TEST_MARIADB_URL}). */
class MariadbMultiNodeTest extends MultiNodeScenarios {
  @Override
  String database() {
    return "mariadb";
  }
}
