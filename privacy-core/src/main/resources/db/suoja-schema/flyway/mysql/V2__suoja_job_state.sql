-- Suoja's own tables, version 2 (mysql): the job-state table of the batch jobs (PlaintextMigration,
-- KeyRotation: fi.suoja.jpa.JobStateTable), under its default name: one row per job, tenant,
-- entity and node with the position a resume starts after. The same DDL as
-- JobStateTable.ddl("mysql", "suoja_job_state"); JobStateTableTest (privacy-jpa) compares the two.

CREATE TABLE suoja_job_state (
  job_name     VARCHAR(64)  NOT NULL,
  tenant       VARCHAR(128) NOT NULL,
  entity       VARCHAR(255) NOT NULL,
  node         VARCHAR(128) NOT NULL,
  last_key     VARCHAR(255) NULL,
  state        VARCHAR(16)  NOT NULL,
  rows_scanned BIGINT       NOT NULL,
  rows_changed BIGINT       NOT NULL,
  started_at   DATETIME(6) NOT NULL,
  updated_at   DATETIME(6) NOT NULL,
  PRIMARY KEY (job_name, tenant, entity, node)
);
