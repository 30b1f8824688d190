-- Suoja's own tables, version 1 (h2): the wrapped tenant keys (JdbcWrappedKeyStore), the
-- audit trail and its signed checkpoints (JdbcAuditSink), under their default names. The same DDL
-- the code creates with createTableIfMissing / JdbcAuditSink.createTables;
-- SchemaMigrationsTest compares the two on every database. Apply with Flyway (own history table,
-- location classpath:db/suoja-schema/flyway/{vendor}) or Liquibase (db/suoja-schema/liquibase/changelog.xml):
-- docs/OPERATIONS.md, "Suoja's tables under Flyway or Liquibase".

CREATE TABLE suoja_wrapped_key (
  tenant         VARCHAR(128) NOT NULL,
  key_kind       VARCHAR(16)  NOT NULL,
  version        INTEGER      NOT NULL,
  master_version INTEGER      NOT NULL,
  wrapped        VARBINARY(256) NOT NULL,
  created_at     TIMESTAMP NOT NULL,
  state          VARCHAR(16)  NOT NULL,
  retired_at     TIMESTAMP NULL,
  PRIMARY KEY (tenant, key_kind, version)
);

CREATE TABLE suoja_audit (
  chain_id     VARCHAR(128) NOT NULL,
  seq          BIGINT       NOT NULL,
  event_id     VARCHAR(256) NOT NULL,
  event_micros BIGINT       NOT NULL,
  event_action VARCHAR(32)  NOT NULL,
  subject_id   VARCHAR(256),
  event_json   CLOB NOT NULL,
  chain_hash   VARCHAR(64)  NOT NULL,
  PRIMARY KEY (chain_id, seq)
);

CREATE INDEX suoja_audit_subject ON suoja_audit (subject_id, event_micros);

CREATE TABLE suoja_audit_checkpoint (
  chain_id        VARCHAR(128)  NOT NULL,
  tree_size       BIGINT        NOT NULL,
  checkpoint_json VARCHAR(1024) NOT NULL,
  PRIMARY KEY (chain_id, tree_size)
);
