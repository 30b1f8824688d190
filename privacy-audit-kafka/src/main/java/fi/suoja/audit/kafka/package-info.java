/**
 * Suoja's hash-chained audit trail streamed to Apache Kafka ({@link
 * fi.suoja.audit.kafka.KafkaAuditSink}) and the verification of a topic ({@link
 * fi.suoja.audit.kafka.KafkaAuditVerifier}). Depends on privacy-audit and kafka-clients only.
 */
package fi.suoja.audit.kafka;
