/**
 * Reports over the audit trail: the data-subject access report ("who has processed my data", as
 * JSON and text, from file trails and audit tables) and the mapping of events to HL7 FHIR R4 {@code
 * AuditEvent} resources following the IHE Basic Audit Log Patterns.
 */
package fi.suoja.audit.report;
