/**
 * The record of processing, generated from the code: {@link
 * fi.suoja.jpa.processing.ProcessingRecord} reads the data subjects and personal data from the
 * entities' annotations, the safeguards from the Suoja configuration (encryption, blind indexes,
 * access policy, audit sink, log masking per tenant, transport protection, key provider) and adds
 * the facts only the host knows from a {@link fi.suoja.jpa.processing.ProcessingDeclaration}; it
 * prints Markdown and JSON with English and Finnish headings, each statement marked derived or
 * declared. {@link fi.suoja.jpa.processing.ProcessingConsistency} finds forgotten annotations and
 * declared claims the configuration contradicts, for a host's test suite. See {@code
 * docs/PROCESSING.md}.
 */
package fi.suoja.jpa.processing;
