package fi.suoja.audit;

import fi.suoja.audit.internal.Checks;

/**
 * What was touched: an entity type, its id, and the tenant that owns it. For key and configuration
 * events the type names the object ({@code "key"}, {@code "tenant"}) and the id its identifier.
 *
 * @param type entity type, e.g. {@code "Client"}
 * @param id entity id (an internal identifier, never a HETU)
 * @param tenantId the tenant that owns the record
 */
public record AuditResource(String type, String id, String tenantId) {

  /** Validates all three as identifiers. */
  public AuditResource {
    type = Checks.token("resource.type", type);
    id = Checks.id("resource.id", id);
    tenantId = Checks.id("resource.tenantId", tenantId);
  }
}
