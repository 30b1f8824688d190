package fi.suoja.jpa;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.jpa.internal.JobLedger;
import java.util.Locale;

/**
 * Suoja's job-state table: one row per job, tenant ({@code *} for a job over every tenant), entity
 * and node, holding the position a resume starts after (the id of the last row of the node's last
 * committed batch below which every row is done), the state ({@code RUNNING}, {@code CANCELLED},
 * {@code FAILED}, {@code DONE}), the counts and the times. {@link
 * PlaintextMigration.Builder#jobState} and {@link KeyRotation.Builder#jobState} write it in each
 * batch's own transaction.
 *
 * <p>Create it with the migrations privacy-core ships ({@code db/suoja-schema}, Flyway {@code V2},
 * Liquibase change set {@code suoja-2-*}), with {@code suoja schema ddl}, or with {@link #ddl}.
 */
public final class JobStateTable {
  /** The table name the shipped migrations create. */
  public static final String DEFAULT_TABLE = "suoja_job_state";

  private JobStateTable() {}

  /**
   * The {@code CREATE TABLE IF NOT EXISTS} statement (no trailing semicolon) for {@code database}.
   *
   * @param database {@code h2}, {@code postgresql}, {@code mariadb} or {@code mysql}, or a JDBC
   *     database product name containing one of them
   * @param table the table name, optionally schema-qualified
   * @throws SuojaConfigurationException {@code SUOJA-5245} for a bad table name or an unknown
   *     database
   */
  public static String ddl(String database, String table) {
    JobLedger.checkTable(table);
    String p = database == null ? "" : database.toLowerCase(Locale.ROOT);
    String timestamp;
    if (p.contains("h2") || p.contains("postgres")) {
      timestamp = "TIMESTAMP";
    } else if (p.contains("mariadb") || p.contains("mysql")) {
      timestamp = "DATETIME(6)";
    } else {
      throw new SuojaConfigurationException(
          "SUOJA-5245",
          "the job-state table DDL is known for H2, PostgreSQL and MariaDB/MySQL, not " + database);
    }
    return "CREATE TABLE IF NOT EXISTS "
        + table
        + " (\n"
        + "  job_name     VARCHAR(64)  NOT NULL,\n"
        + "  tenant       VARCHAR(128) NOT NULL,\n"
        + "  entity       VARCHAR(255) NOT NULL,\n"
        + "  node         VARCHAR(128) NOT NULL,\n"
        + "  last_key     VARCHAR(255) NULL,\n"
        + "  state        VARCHAR(16)  NOT NULL,\n"
        + "  rows_scanned BIGINT       NOT NULL,\n"
        + "  rows_changed BIGINT       NOT NULL,\n"
        + "  started_at   "
        + timestamp
        + " NOT NULL,\n"
        + "  updated_at   "
        + timestamp
        + " NOT NULL,\n"
        + "  PRIMARY KEY (job_name, tenant, entity, node)\n"
        + ")";
  }
}
