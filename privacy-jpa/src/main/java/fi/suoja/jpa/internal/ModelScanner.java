package fi.suoja.jpa.internal;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.annotation.Erasure;
import fi.suoja.annotation.LegalRetention;
import fi.suoja.annotation.PersonalData;
import fi.suoja.annotation.ProtectedType;
import fi.suoja.jpa.SuojaJpaSettings;
import fi.suoja.policy.DataCategory;
import java.lang.reflect.Field;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads Suoja's annotations off an entity class and refuses, at boot, every mapping it cannot
 * protect: encrypted non-String attributes, no tenant attribute, an index of nothing. (An id the
 * database assigns on insert is bound after the insert: {@link IdentityRows}.)
 */
final class ModelScanner {
  private ModelScanner() {}

  /**
   * The model of {@code type} in a multi-tenant deployment, or empty when it has no encrypted
   * attribute.
   */
  static Optional<EntityModel> scan(String entityName, Class<?> type) {
    return scan(entityName, type, null);
  }

  /**
   * The model of {@code type}, or empty when it has no encrypted attribute; {@code singleTenant} is
   * the tenant of an entity without a {@code @TenantId} attribute (null: multi-tenant, where such
   * an entity is refused).
   */
  static Optional<EntityModel> scan(String entityName, Class<?> type, String singleTenant) {
    ProtectedType pt = ProtectedType.of(type);
    for (ProtectedType.EncryptedAttribute e : pt.encrypted()) {
      requireString(entityName, e.name(), e.javaType(), "@Encrypted");
    }
    for (ProtectedType.IndexAttribute i : pt.indexes()) {
      requireString(entityName, i.name(), i.javaType(), "@BlindIndex");
    }
    if (!pt.isProtected()) {
      if (!pt.indexes().isEmpty()) {
        throw new SuojaConfigurationException(
            "SUOJA-5003", entityName + " has @BlindIndex attributes but no @Encrypted attribute");
      }
      return Optional.empty();
    }
    String tenant = pt.tenantAttribute().orElse(null);
    if (tenant == null && singleTenant == null) {
      throw new SuojaConfigurationException(
          "SUOJA-5001",
          entityName
              + " has @Encrypted attributes but no @TenantId attribute: every protected record"
              + " belongs to one tenant (add Hibernate's @org.hibernate.annotations.TenantId, or"
              + " in a deployment serving one organisation set '"
              + SuojaJpaSettings.SINGLE_TENANT
              + "' to its tenant id)");
    }
    for (ProtectedType.IndexAttribute index : pt.indexes()) {
      if (!pt.isEncrypted(index.of())) {
        throw new SuojaConfigurationException(
            "SUOJA-5003",
            entityName
                + "."
                + index.name()
                + " indexes '"
                + index.of()
                + "', which is not an @Encrypted attribute of the entity");
      }
    }
    Optional<Erasure> erasure = pt.annotation(Erasure.class);
    List<EntityModel.EncryptedAttribute> encrypted =
        pt.encrypted().stream()
            .map(e -> new EntityModel.EncryptedAttribute(e.name(), e.padToBucket()))
            .toList();
    return Optional.of(
        new EntityModel(
            entityName,
            type,
            category(type),
            tenant,
            pt.ownerAttribute().orElse(null),
            pt.subjectAttribute().orElse(null),
            encrypted,
            pt.indexes().stream()
                .map(
                    i ->
                        new EntityModel.IndexAttribute(
                            i.name(), i.of(), i.normalization(), i.bits(), i.prefix()))
                .toList(),
            erasure.map(Erasure::value).orElse(Erasure.Mode.DELETE_RECORD),
            erasure.map(Erasure::subjectKey).orElse(false),
            hold(entityName, pt),
            pt.personal(),
            encrypted.stream().map(EntityModel.EncryptedAttribute::name).toList(),
            pt.scope(),
            tenant == null ? singleTenant : null));
  }

  private static final Set<Class<?>> TEMPORAL =
      Set.of(
          LocalDate.class,
          LocalDateTime.class,
          Instant.class,
          OffsetDateTime.class,
          ZonedDateTime.class,
          Date.class);

  private static EntityModel.Hold hold(String entityName, ProtectedType type) {
    LegalRetention r = type.annotation(LegalRetention.class).orElse(null);
    if (r == null) {
      return null;
    }
    Period period;
    try {
      period = Period.parse(r.period());
    } catch (DateTimeParseException e) {
      throw new SuojaConfigurationException(
          "SUOJA-6010",
          entityName
              + ": @LegalRetention period '"
              + r.period()
              + "' is not an ISO-8601 period such as P12Y");
    }
    if (period.isNegative() || period.isZero() || r.basis().isBlank()) {
      throw new SuojaConfigurationException(
          "SUOJA-6010", entityName + ": @LegalRetention needs a positive period and a basis");
    }
    Field from = type.field(r.from()).orElse(null);
    if (from == null || !TEMPORAL.contains(from.getType())) {
      throw new SuojaConfigurationException(
          "SUOJA-6011",
          entityName
              + ": @LegalRetention(from = \""
              + r.from()
              + "\") must name a date or"
              + " instant attribute of the entity (LocalDate, LocalDateTime, Instant,"
              + " OffsetDateTime, ZonedDateTime, java.util.Date)");
    }
    return new EntityModel.Hold(r.basis(), period, r.from());
  }

  static DataCategory category(Class<?> type) {
    PersonalData pd = ProtectedType.of(type).annotation(PersonalData.class).orElse(null);
    String subject = pd == null ? "" : pd.subject().toLowerCase(Locale.ROOT);
    // Anything not declared as employee data is treated as client data: the stricter rules.
    return subject.equals("employee") ? DataCategory.EMPLOYEE_DATA : DataCategory.CLIENT_DATA;
  }

  private static void requireString(
      String entityName, String attribute, Class<?> javaType, String annotation) {
    if (javaType != String.class) {
      throw new SuojaConfigurationException(
          "SUOJA-5002",
          entityName
              + "."
              + attribute
              + ": "
              + annotation
              + " needs a String attribute, found "
              + javaType.getSimpleName());
    }
  }
}
