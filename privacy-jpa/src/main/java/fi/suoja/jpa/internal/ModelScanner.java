package fi.suoja.jpa.internal;

import fi.suoja.annotation.Erasure;
import fi.suoja.annotation.LegalRetention;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Set;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.annotation.BlindIndex;
import fi.suoja.annotation.DataSubjectId;
import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.Owner;
import fi.suoja.annotation.PersonalData;
import fi.suoja.policy.DataCategory;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hibernate.annotations.TenantId;

/**
 * Reads Suoja's annotations off an entity class and refuses, at boot, every mapping it cannot
 * protect: encrypted non-String attributes, no tenant attribute, an index of nothing, ids the
 * database assigns on insert.
 */
final class ModelScanner {
  private ModelScanner() {}

  /** The model of {@code type}, or empty when it has no encrypted attribute. */
  static Optional<EntityModel> scan(String entityName, Class<?> type) {
    List<Field> fields = allFields(type);
    List<EntityModel.EncryptedAttribute> encrypted = new ArrayList<>();
    List<EntityModel.IndexAttribute> indexes = new ArrayList<>();
    Map<String, Field> byName = new HashMap<>();
    String tenant = null;
    String owner = null;
    String subject = null;
    Field id = null;
    for (Field f : fields) {
      byName.put(f.getName(), f);
      if (f.isAnnotationPresent(Encrypted.class)) {
        requireString(entityName, f, "@Encrypted");
        encrypted.add(
            new EntityModel.EncryptedAttribute(
                f.getName(), f.getAnnotation(Encrypted.class).padToBucket()));
      }
      BlindIndex bi = f.getAnnotation(BlindIndex.class);
      if (bi != null) {
        requireString(entityName, f, "@BlindIndex");
        indexes.add(new EntityModel.IndexAttribute(f.getName(), bi.of(), bi.normalization(), bi.bits()));
      }
      if (f.isAnnotationPresent(TenantId.class)) {
        tenant = f.getName();
      }
      if (f.isAnnotationPresent(Owner.class)) {
        owner = f.getName();
      }
      if (f.isAnnotationPresent(DataSubjectId.class)) {
        subject = f.getName();
      }
      if (f.isAnnotationPresent(Id.class)) {
        id = f;
      }
    }
    if (encrypted.isEmpty()) {
      if (!indexes.isEmpty()) {
        throw new SuojaConfigurationException(
            "SUOJA-5003", entityName + " has @BlindIndex attributes but no @Encrypted attribute");
      }
      return Optional.empty();
    }
    if (tenant == null) {
      throw new SuojaConfigurationException(
          "SUOJA-5001",
          entityName
              + " has @Encrypted attributes but no @TenantId attribute: every protected record"
              + " belongs to one tenant (add Hibernate's @org.hibernate.annotations.TenantId)");
    }
    for (EntityModel.IndexAttribute index : indexes) {
      Field source = byName.get(index.of());
      if (source == null || !source.isAnnotationPresent(Encrypted.class)) {
        throw new SuojaConfigurationException(
            "SUOJA-5003",
            entityName + "." + index.name() + " indexes '" + index.of()
                + "', which is not an @Encrypted attribute of the entity");
      }
    }
    if (id != null) {
      GeneratedValue gv = id.getAnnotation(GeneratedValue.class);
      if (gv != null && gv.strategy() == GenerationType.IDENTITY) {
        throw new SuojaConfigurationException(
            "SUOJA-5004",
            entityName
                + " uses an IDENTITY id: the database assigns it after the insert, so encrypted"
                + " attributes could not be bound to their row. Use a UUID, a sequence or an"
                + " assigned id");
      }
    }
    Erasure erasure = type.getAnnotation(Erasure.class);
    List<String> personal = new ArrayList<>();
    for (Field f : fields) {
      String n = f.getName();
      if ((f.isAnnotationPresent(Encrypted.class) || f.isAnnotationPresent(PersonalData.class))
          && !n.equals(subject) && !n.equals(owner) && !n.equals(tenant)
          && !f.isAnnotationPresent(Id.class)) {
        personal.add(n);
      }
    }
    return Optional.of(
        new EntityModel(
            entityName, type, category(type), tenant, owner, subject, List.copyOf(encrypted),
            List.copyOf(indexes),
            erasure == null ? Erasure.Mode.DELETE_RECORD : erasure.value(),
            erasure != null && erasure.subjectKey(),
            hold(entityName, type, byName),
            List.copyOf(personal),
            encrypted.stream().map(EntityModel.EncryptedAttribute::name).toList(),
            EncryptedAttributes.scope(type)));
  }

  private static final Set<Class<?>> TEMPORAL =
      Set.of(
          java.time.LocalDate.class, java.time.LocalDateTime.class, java.time.Instant.class,
          java.time.OffsetDateTime.class, java.time.ZonedDateTime.class, java.util.Date.class);

  private static EntityModel.Hold hold(String entityName, Class<?> type, Map<String, Field> byName) {
    LegalRetention r = type.getAnnotation(LegalRetention.class);
    if (r == null) {
      return null;
    }
    Period period;
    try {
      period = Period.parse(r.period());
    } catch (DateTimeParseException e) {
      throw new SuojaConfigurationException(
          "SUOJA-6010",
          entityName + ": @LegalRetention period '" + r.period()
              + "' is not an ISO-8601 period such as P12Y");
    }
    if (period.isNegative() || period.isZero() || r.basis().isBlank()) {
      throw new SuojaConfigurationException(
          "SUOJA-6010", entityName + ": @LegalRetention needs a positive period and a basis");
    }
    Field from = byName.get(r.from());
    if (from == null || !TEMPORAL.contains(from.getType())) {
      throw new SuojaConfigurationException(
          "SUOJA-6011",
          entityName + ": @LegalRetention(from = \"" + r.from() + "\") must name a date or"
              + " instant attribute of the entity (LocalDate, LocalDateTime, Instant,"
              + " OffsetDateTime, ZonedDateTime, java.util.Date)");
    }
    return new EntityModel.Hold(r.basis(), period, r.from());
  }

  static DataCategory category(Class<?> type) {
    PersonalData pd = type.getAnnotation(PersonalData.class);
    String subject = pd == null ? "" : pd.subject().toLowerCase(Locale.ROOT);
    // Anything not declared as employee data is treated as client data: the stricter rules.
    return subject.equals("employee") ? DataCategory.EMPLOYEE_DATA : DataCategory.CLIENT_DATA;
  }

  private static void requireString(String entityName, Field f, String annotation) {
    if (f.getType() != String.class) {
      throw new SuojaConfigurationException(
          "SUOJA-5002",
          entityName + "." + f.getName() + ": " + annotation + " needs a String attribute, found "
              + f.getType().getSimpleName());
    }
  }

  private static List<Field> allFields(Class<?> type) {
    List<Field> out = new ArrayList<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        out.add(f);
      }
    }
    return out;
  }
}
