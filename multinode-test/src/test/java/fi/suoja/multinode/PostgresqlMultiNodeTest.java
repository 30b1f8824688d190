package fi.suoja.multinode;

/** The multi-node scenarios on PostgreSQL ({@code SUOJA_TEST_POSTGRESQL_URL}). */
class PostgresqlMultiNodeTest extends MultiNodeScenarios {
  @Override
  String database() {
    return "postgresql";
  }
}
