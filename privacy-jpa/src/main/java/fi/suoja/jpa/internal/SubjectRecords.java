package fi.suoja.jpa.internal;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.SuojaException;
import fi.suoja.policy.RecordRef;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.mapping.CompositeIdentifierMapping;
import org.hibernate.persister.entity.EntityPersister;

/**
 * The one path from a protected entity to its data subject and back, for the listener, subject
 * rights, hand-over and off-boarding: the record's policy reference (tenant, owner, subject), the
 * text of its id, a subject id in the type of the entity's subject attribute, and the query that
 * finds a subject's records.
 *
 * <p>Values are read through Hibernate's persister, never by reflection on fields: property access
 * ({@code @Access(PROPERTY)}), {@code @EmbeddedId} and {@code @IdClass} entities read as Hibernate
 * itself reads them. A subject id that is not a valid value of the subject attribute's type fails
 * the same way everywhere ({@code SUOJA-6021}); the message names the type and the entity, never
 * the id, which may be a HETU passed by mistake.
 */
final class SubjectRecords {
  private SubjectRecords() {}

  /** Where tenant, owner and data subject sit in an entity's persister state (-1: none). */
  record Slots(int tenant, int owner, int subject) {
    static Slots of(EntityModel model, EntityPersister persister) {
      List<String> names = Arrays.asList(persister.getPropertyNames());
      return new Slots(
          model.tenantAttribute() == null ? -1 : names.indexOf(model.tenantAttribute()),
          model.ownerAttribute() == null ? -1 : names.indexOf(model.ownerAttribute()),
          model.subjectAttribute() == null ? -1 : names.indexOf(model.subjectAttribute()));
    }
  }

  /**
   * The text of a record id, as every envelope of the row binds it: {@code toString()} of the id
   * (of the embeddable or id class for a composite id).
   */
  static String idText(Object id) {
    return id == null ? null : id.toString();
  }

  /**
   * The policy reference of a record from its state (the persister's property order): the subject
   * is the subject attribute's value, else the record's own id.
   *
   * @throws SuojaException {@code SUOJA-5010} if the state holds no tenant
   */
  static RecordRef ref(EntityModel model, Slots slots, String id, Object[] state) {
    // a single-tenant deployment's fixed tenant, else the tenant attribute's value
    String tenant = model.tenantOf(slots.tenant() < 0 ? null : state[slots.tenant()]);
    if (tenant == null) {
      throw new SuojaException(
          "SUOJA-5010", model.entityName() + "#" + id + " has no tenant value");
    }
    String owner = slots.owner() < 0 ? null : text(state[slots.owner()]);
    String subject = slots.subject() < 0 ? id : text(state[slots.subject()]);
    return new RecordRef(model.entityName(), id, tenant, owner, subject, model.category());
  }

  /** The policy reference of a loaded record, read through its persister. */
  static RecordRef ref(
      EntityModel model,
      EntityPersister persister,
      SharedSessionContractImplementor session,
      Object entity) {
    return ref(
        model,
        Slots.of(model, persister),
        idText(persister.getIdentifier(entity, session)),
        persister.getValues(entity));
  }

  /**
   * The records of {@code subjectId} in {@code session} (its tenant filter applies): those whose
   * subject attribute holds it, or the one whose id it is where the entity has no subject
   * attribute. They are loaded through the session, so the listener decides each.
   *
   * @throws SuojaException {@code SUOJA-6021} if the subject id is no value of that attribute's
   *     type; {@code SUOJA-6040} if the entity's records cannot be found by a subject id
   */
  static List<?> find(
      Session session, EntityModel model, EntityPersister persister, String subjectId) {
    Object key = subjectKey(model, persister, subjectId);
    if (model.subjectAttribute() != null) {
      return session
          .createSelectionQuery(
              "select e from "
                  + model.entityName()
                  + " e where e."
                  + model.subjectAttribute()
                  + " = :subject",
              Object.class)
          .setParameter("subject", key)
          .getResultList();
    }
    Object one = session.find(persister.getMappedClass(), key);
    return one == null ? List.of() : List.of(one);
  }

  /**
   * The HQL path of what an entity's records name their data subject by: the subject attribute,
   * else the (simple) id.
   *
   * @throws SuojaConfigurationException {@code SUOJA-6040} for a composite id and no subject
   *     attribute
   */
  static String subjectPath(EntityModel model, EntityPersister persister) {
    if (model.subjectAttribute() != null) {
      return model.subjectAttribute();
    }
    simpleId(model, persister);
    return persister.getIdentifierPropertyName();
  }

  /**
   * {@code subjectId} converted to the type of the entity's subject attribute, else of its id:
   * UUID, Long, Integer or String.
   *
   * @throws SuojaException {@code SUOJA-6021} if it is not a valid value of that type
   * @throws SuojaConfigurationException {@code SUOJA-6040} if subject ids cannot be of that type (a
   *     composite id without a subject attribute, or a type not listed)
   */
  static Object subjectKey(EntityModel model, EntityPersister persister, String subjectId) {
    Class<?> type;
    if (model.subjectAttribute() != null) {
      type =
          persister.findAttributeMapping(model.subjectAttribute()).getJavaType().getJavaTypeClass();
    } else {
      simpleId(model, persister);
      type = persister.getIdentifierMapping().getJavaType().getJavaTypeClass();
    }
    try {
      if (type == String.class) {
        return subjectId;
      }
      if (type == UUID.class) {
        return UUID.fromString(subjectId);
      }
      if (type == Long.class || type == long.class) {
        return Long.valueOf(subjectId);
      }
      if (type == Integer.class || type == int.class) {
        return Integer.valueOf(subjectId);
      }
    } catch (IllegalArgumentException notOfType) {
      // never the id in the message: it may be personal data (a HETU passed by mistake)
      throw new SuojaException(
          "SUOJA-6021",
          "the subject id is not a valid " + type.getSimpleName() + " for " + model.entityName());
    }
    throw new SuojaConfigurationException(
        "SUOJA-6040",
        model.entityName()
            + "."
            + (model.subjectAttribute() == null
                ? persister.getIdentifierPropertyName()
                : model.subjectAttribute())
            + " is a "
            + type.getName()
            + ": subject ids are UUID, Long, Integer or String");
  }

  private static void simpleId(EntityModel model, EntityPersister persister) {
    if (persister.getIdentifierMapping() instanceof CompositeIdentifierMapping) {
      throw new SuojaConfigurationException(
          "SUOJA-6040",
          model.entityName()
              + " has a composite id and no @DataSubjectId attribute: its"
              + " records cannot be found by a subject id. Annotate the attribute that holds"
              + " the data subject's id with @DataSubjectId");
    }
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
