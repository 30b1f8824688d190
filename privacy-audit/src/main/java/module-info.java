/**
 * Suoja's audit trail: structured, tamper-evident audit events for any host application. Stands
 * alone: SLF4J API and Jackson only.
 */
// the Kafka sink's module is another backend of the internal chain writer; it is optional, so
// javac may not see it
@SuppressWarnings("module")
module fi.suoja.audit {
  requires transitive java.sql;
  // in the API: Slf4jAuditSink takes a Logger, FhirAuditEvents returns Jackson trees
  requires transitive org.slf4j;
  requires com.fasterxml.jackson.core;
  requires transitive com.fasterxml.jackson.databind;

  exports fi.suoja.audit;
  exports fi.suoja.audit.spi;
  exports fi.suoja.audit.sink;
  exports fi.suoja.audit.verify;
  exports fi.suoja.audit.report;
  exports fi.suoja.audit.internal to
      fi.suoja.audit.kafka;
}
