package fi.suoja.audit;

import fi.suoja.audit.internal.Checks;

/**
 * On what basis the actor was allowed (or tried) to act: a short code and whether the access was
 * elevated (beyond the actor's own clients). Codes used by Suoja: {@code OWNER}, {@code
 * CARE_RELATIONSHIP}, {@code ORG_ADMIN} (elevated), {@code INCIDENT:<grant id>} (elevated), {@code
 * TENANT_CONSENT}, {@code LEGAL_OBLIGATION}, {@code SYSTEM}. Hosts may use their own codes.
 *
 * @param code basis code, letters, digits and {@code _ : - .}
 * @param elevated true when the access went beyond ordinary care work and must stand out in reviews
 */
public record AccessBasis(String code, boolean elevated) {

  /** Validates the code. */
  public AccessBasis {
    code = Checks.token("basis.code", code);
  }

  /** The actor is the client's responsible employee. */
  public static AccessBasis owner() {
    return new AccessBasis("OWNER", false);
  }

  /** The actor takes part in the client's care. */
  public static AccessBasis careRelationship() {
    return new AccessBasis("CARE_RELATIONSHIP", false);
  }

  /** An organisation admin reading beyond own clients: always elevated. */
  public static AccessBasis orgAdmin() {
    return new AccessBasis("ORG_ADMIN", true);
  }

  /** Provider support under a tenant-consented incident grant: always elevated. */
  public static AccessBasis incident(String grantId) {
    return new AccessBasis("INCIDENT:" + Checks.id("basis.grantId", grantId), true);
  }

  /** The tenant consented to this processing. */
  public static AccessBasis tenantConsent() {
    return new AccessBasis("TENANT_CONSENT", false);
  }

  /** A legal obligation requires the processing (e.g. a disclosure to an authority). */
  public static AccessBasis legalObligation() {
    return new AccessBasis("LEGAL_OBLIGATION", false);
  }
}
