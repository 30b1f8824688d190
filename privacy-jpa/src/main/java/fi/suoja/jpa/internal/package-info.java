/**
 * Suoja's Hibernate plumbing, not API: the integrator and service contributor Hibernate discovers
 * through {@code META-INF/services}, the model scan with its boot-time refusals, the event listener
 * that seals on write and opens after the policy on load, the query translator that refuses queries
 * on encrypted attributes, the transaction-outcome audit and the tenant resolver. Every
 * Hibernate-version-specific call lives here.
 */
package fi.suoja.jpa.internal;
