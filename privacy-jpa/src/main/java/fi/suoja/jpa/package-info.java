/**
 * Suoja's Hibernate ORM integration. Annotate entity fields with {@code fi.suoja.annotation}
 * annotations, hand the {@link fi.suoja.Suoja} runtime to the persistence unit under {@link
 * fi.suoja.jpa.SuojaJpaSettings#RUNTIME}, and the integration encrypts on write, opens on load only
 * for an actor the policy allows, keeps tenants apart and audits every operation. {@link
 * fi.suoja.jpa.PrivacyQueries} finds entities by the value of a blind-indexed attribute.
 */
package fi.suoja.jpa;
