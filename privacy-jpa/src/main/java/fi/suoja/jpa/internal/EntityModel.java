package fi.suoja.jpa.internal;

import fi.suoja.annotation.Erasure;
import fi.suoja.annotation.IndexNormalization;
import fi.suoja.crypto.FieldOptions;
import fi.suoja.policy.DataCategory;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;

/**
 * What Suoja knows about one entity: which attributes are encrypted and indexed, where tenant,
 * owner and data subject live. Attribute positions are resolved against the persister lazily.
 * {@code encryptedNames} are the names of {@code encrypted}, in order, kept because every load asks
 * for them ({@link ModelScanner} derives them); {@code scope} is the entity name its values are
 * sealed and indexed under ({@code ProtectedType.scope()}), kept because every sealed or opened
 * value needs it. {@code fixedTenant} is the tenant of an entity without a tenant attribute in a
 * single-tenant deployment ({@code tenantAttribute} is then null); null otherwise.
 */
record EntityModel(
    String entityName,
    Class<?> type,
    DataCategory category,
    String tenantAttribute,
    String ownerAttribute,
    String subjectAttribute,
    List<EncryptedAttribute> encrypted,
    List<IndexAttribute> indexes,
    Erasure.Mode erasure,
    boolean subjectKey,
    Hold hold,
    List<String> personal,
    List<String> encryptedNames,
    String scope,
    String fixedTenant) {

  /** The tenant of a record whose tenant attribute holds {@code stored}. */
  String tenantOf(Object stored) {
    return fixedTenant != null ? fixedTenant : stored == null ? null : stored.toString();
  }

  /** The names of the encrypted attributes, then of the blind indexes (boot-time checks). */
  List<String> encryptedAndIndexNames() {
    List<String> names = new ArrayList<>(encryptedNames);
    indexes.forEach(i -> names.add(i.name()));
    return names;
  }

  /** A legal hold: basis, period, the attribute it counts from (null: no hold on the entity). */
  record Hold(String basis, Period period, String from) {}

  record EncryptedAttribute(String name, int padToBucket) {}

  /** A blind index; {@code prefix} 0 for equality, else the prefix length it covers. */
  record IndexAttribute(
      String name, String of, IndexNormalization normalization, int bits, int prefix) {
    /** Its bits, the declared ones or the default of its kind. */
    int effectiveBits() {
      return bits > 0
          ? bits
          : prefix > 0
              ? FieldOptions.DEFAULT_PREFIX_INDEX_BITS
              : FieldOptions.DEFAULT_BLIND_INDEX_BITS;
    }
  }
}
