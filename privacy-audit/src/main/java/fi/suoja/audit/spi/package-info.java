/**
 * The service-provider interface of the audit trail: {@link fi.suoja.audit.spi.AuditSink}, which
 * hosts implement to send events somewhere the built-in sinks do not (a message broker, a SIEM).
 */
package fi.suoja.audit.spi;
