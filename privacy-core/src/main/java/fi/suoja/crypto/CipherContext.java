package fi.suoja.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a sealed value belongs: tenant, entity, field, when the caller knows it before sealing, the
 * row id, and optionally the record's {@linkplain PolicyInputs policy inputs} (owner and data
 * subject). All of it is bound into the envelope's associated data, so a ciphertext opens only in
 * the context it was sealed in.
 *
 * <p>The row id is optional; without it a ciphertext can be moved between rows of the same tenant,
 * entity and field without detection. Supply it whenever the value belongs to a row (an id the
 * database assigns on insert is bound after the insert: privacy-jpa seals for a pending row id
 * first and re-seals once the id is known, docs/JPA.md).
 *
 * <p>Policy inputs: an access policy that decides on a record's owner or data subject reads them
 * from columns anyone with write access to the database can change without keys. A value sealed
 * with {@link #withPolicy} opens only with the same owner and subject, so changing them in the
 * database yields no plaintext. Envelopes record whether they bind policy inputs (flag bit 1,
 * docs/ENVELOPE.md); one sealed without them opens whatever inputs the context carries, so data
 * written before the binding keeps opening.
 *
 * <p>Components are compared as exact strings (no case folding). Limits, in UTF-8 bytes: tenant
 * 1..128, entity and field 1..255, row id 1..1024, owner and subject 0..1024.
 *
 * @param tenant the tenant (organisation) that owns the value
 * @param entity the entity name, e.g. {@code Client}
 * @param field the field name, e.g. {@code hetu}
 * @param rowId the row id, or {@code null} when it is not known at sealing time
 * @param policy the policy inputs to bind, or {@code null} to bind none
 */
public record CipherContext(
    String tenant, String entity, String field, String rowId, PolicyInputs policy) {

  /**
   * The attributes of a record an access policy decides on besides tenant, entity and id: its owner
   * (the responsible employee) and its data subject, each {@code null} when the record has none.
   * {@code null} and the empty string are different inputs.
   *
   * @param owner the owner, or {@code null}
   * @param subject the data subject id, or {@code null}
   */
  public record PolicyInputs(String owner, String subject) {
    /**
     * @throws InvalidInputException if a component is longer than 1024 UTF-8 bytes
     */
    public PolicyInputs {
      if (owner != null) {
        check("owner", owner, 0, 1024);
      }
      if (subject != null) {
        check("subject", subject, 0, 1024);
      }
    }

    @Override
    public String toString() {
      // identifiers, not secrets, but a subject id may be a personal identifier: not printed
      return "PolicyInputs[owner="
          + (owner == null ? "none" : "bound")
          + ", subject="
          + (subject == null ? "none" : "bound")
          + "]";
    }
  }

  /** A context without policy inputs. */
  public CipherContext(String tenant, String entity, String field, String rowId) {
    this(tenant, entity, field, rowId, null);
  }

  /**
   * @throws InvalidInputException if a component is empty or too long
   */
  public CipherContext {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(field, "field");
    check("tenant", tenant, 128);
    check("entity", entity, 255);
    check("field", field, 255);
    if (rowId != null) {
      check("rowId", rowId, 1024);
    }
  }

  /** A context without a row id. */
  public static CipherContext of(String tenant, String entity, String field) {
    return new CipherContext(tenant, entity, field, null);
  }

  /** The same context, bound to {@code rowId}. */
  public CipherContext withRow(String rowId) {
    return new CipherContext(tenant, entity, field, Objects.requireNonNull(rowId, "rowId"), policy);
  }

  /**
   * The same context, binding the record's owner and data subject (either may be {@code null}: "no
   * owner" is then what is bound).
   */
  public CipherContext withPolicy(String owner, String subject) {
    return new CipherContext(tenant, entity, field, rowId, new PolicyInputs(owner, subject));
  }

  /** The row id if one is bound. */
  public Optional<String> row() {
    return Optional.ofNullable(rowId);
  }

  private static void check(String name, String value, int maxBytes) {
    check(name, value, 1, maxBytes);
  }

  private static void check(String name, String value, int minBytes, int maxBytes) {
    // a char is at most 3 UTF-8 bytes: encode only when the cheap bound does not settle it
    int length =
        value.length() * 3 <= maxBytes
            ? value.length()
            : value.getBytes(StandardCharsets.UTF_8).length;
    if (length < minBytes || length > maxBytes) {
      throw new InvalidInputException(
          "SUOJA-1020",
          "context component " + name + " must be " + minBytes + ".." + maxBytes + " UTF-8 bytes");
    }
  }
}
