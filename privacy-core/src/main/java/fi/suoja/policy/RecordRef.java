package fi.suoja.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * Which record an access concerns: what a policy needs to know about it, and nothing of its
 * content. All identifiers are internal ids, never names or HETUs.
 *
 * @param type the record type, e.g. the entity name {@code Client}
 * @param id the record id; {@code null} only for a record not yet created
 * @param tenant the tenant that owns the record (the controller)
 * @param owner the user id of the employee responsible for it, or {@code null}
 * @param subjectId the internal id of the data subject, or {@code null}
 * @param category whose data the record holds
 */
public record RecordRef(
    String type, String id, String tenant, String owner, String subjectId, DataCategory category) {

  public RecordRef {
    requireText(type, "type");
    requireText(tenant, "tenant");
    Objects.requireNonNull(category, "category");
  }

  /** A client record of {@code tenant}, owned by the employee {@code owner}. */
  public static RecordRef client(String type, String id, String tenant, String owner) {
    return new RecordRef(type, id, tenant, owner, id, DataCategory.CLIENT_DATA);
  }

  /** An employee's own record in {@code tenant}; the employee is both subject and owner. */
  public static RecordRef employee(String type, String id, String tenant, String employeeUserId) {
    return new RecordRef(
        type, id, tenant, employeeUserId, employeeUserId, DataCategory.EMPLOYEE_DATA);
  }

  /**
   * A tenant as a whole, for {@link Action#OFFBOARD}. Its category is {@code CLIENT_DATA}, the
   * stricter one: off-boarding ends the processing of the tenant's clients' data too.
   */
  public static RecordRef tenant(String tenant) {
    return new RecordRef("tenant", tenant, tenant, null, null, DataCategory.CLIENT_DATA);
  }

  /**
   * One of a tenant's keys ({@code kind:tenant:vN}), for {@link Action#DESTROY_KEY}; category
   * {@code CLIENT_DATA}, the stricter one, as the key seals client data too.
   */
  public static RecordRef key(String keyId, String tenant) {
    return new RecordRef("key", keyId, tenant, null, null, DataCategory.CLIENT_DATA);
  }

  /** The owner, if the record has one. */
  public Optional<String> ownerId() {
    return Optional.ofNullable(owner);
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("SUOJA-3008: a record reference needs its " + name);
    }
  }
}
