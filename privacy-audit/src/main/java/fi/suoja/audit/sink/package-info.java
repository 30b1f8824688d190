/**
 * Built-in audit sinks: SLF4J JSON, the hash-chained JSON-lines file (durable with group commit, or
 * buffered), the JDBC table, a composite that requires all or any of its members, and an in-memory
 * sink for tests. Chained sinks also write Ed25519-signed checkpoints.
 */
package fi.suoja.audit.sink;
