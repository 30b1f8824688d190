/**
 * Annotations a host puts on its entity fields to tell Suoja what is personal data. They depend on
 * {@code java.base} only, so entity classes can carry them without pulling in any Suoja
 * implementation. {@link fi.suoja.annotation.PersonalData} marks a field, accessor or record
 * component as personal data; the log maskers ({@code fi.suoja.masking}) never print such a value
 * in clear. Encryption, blind-index, ownership and retention annotations are added with the JPA
 * integration.
 */
package fi.suoja.annotation;
