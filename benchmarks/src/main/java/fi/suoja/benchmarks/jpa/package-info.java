/**
 * JMH benchmarks of the Hibernate integration: persist+flush and load of 10 000 client entities
 * with Suoja (three encrypted attributes, one blind index, policy and audit on every record)
 * against the same entity without Suoja, on in-memory H2, in the same run.
 */
package fi.suoja.benchmarks.jpa;
