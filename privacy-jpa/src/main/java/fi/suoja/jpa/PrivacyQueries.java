package fi.suoja.jpa;

import fi.suoja.Suoja;
import fi.suoja.SuojaConfigurationException;
import fi.suoja.SuojaException;
import fi.suoja.annotation.ProtectedType;
import fi.suoja.crypto.Normalization;
import fi.suoja.jpa.internal.BlindIndexSearch;
import fi.suoja.jpa.internal.QuietDenial;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Finds entities by the value of an {@link fi.suoja.annotation.Encrypted} attribute through its
 * {@link fi.suoja.annotation.BlindIndex}.
 *
 * <pre>{@code
 * List<Client> found = PrivacyQueries.findBy(entityManager, Client.class, "hetu", "131052-308T");
 * }</pre>
 *
 * <p>The lookup computes the value's blind index under every key version of the tenant in focus (so
 * rows written before a key rotation are found until re-encryption has moved them), selects the
 * rows whose index attribute holds one of them, lets every load be decided, audited and opened as
 * any other load, and finally drops the false positives (rows whose index collides but whose opened
 * value, normalised like the index, differs).
 *
 * <p><b>Guarantees.</b> Only records of the session's tenant are searched. Every returned entity
 * was allowed by the policy and holds exactly the searched value (after normalisation). Every row
 * the index matched was loaded and therefore decided and audited (READ), including the false
 * positives that are not returned.
 *
 * <p><b>Records the actor may not see</b> are left out of the result in both {@code
 * suoja.on_denied} modes (their denial is audited, and they are evicted from the session): an
 * exception would tell the actor that a record with the value exists, where a lookup of an unknown
 * value returns nothing. False positives that were loaded, and opened for the actor, stay in the
 * persistence context.
 *
 * <p>A plain {@code select c from Client c where c.hetu = :hetu} also searches the blind index and
 * drops false positives from a list; streamed or paged it is refused ({@code SUOJA-5107}), and
 * other comparisons of an encrypted attribute are refused ({@code SUOJA-5101}). Use this class
 * where the query's shape is not rewritten.
 */
public final class PrivacyQueries {
  private PrivacyQueries() {}

  /**
   * The entities of {@code type} in the current tenant whose encrypted {@code attribute} equals
   * {@code value} (both normalised as the attribute's blind index declares).
   *
   * @param entityManager an open entity manager or Hibernate session, inside a {@link
   *     fi.suoja.policy.PrivacyContext} scope
   * @param type the entity class
   * @param attribute the name of an {@code @Encrypted} attribute that a {@code @BlindIndex(of =
   *     attribute)} attribute indexes
   * @param value the plaintext to look for
   * @throws SuojaConfigurationException {@code SUOJA-5110} if the attribute is not encrypted or not
   *     blind-indexed, or no Suoja runtime is configured
   * @throws SuojaException {@code SUOJA-5111} when the session has no tenant in focus
   * @throws fi.suoja.crypto.KeyUnavailableException if the tenant has no data key
   */
  public static <T> List<T> findBy(
      EntityManager entityManager, Class<T> type, String attribute, String value) {
    Objects.requireNonNull(entityManager, "entityManager");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(attribute, "attribute");
    Objects.requireNonNull(value, "value");
    SessionImplementor session = entityManager.unwrap(SessionImplementor.class);
    String entityName = session.getMetamodel().entity(type).getName();
    Indexed indexed = Indexed.of(type, entityName, attribute);
    Suoja suoja = BlindIndexSearch.runtime(session.getSessionFactory());
    String tenant = BlindIndexSearch.tenant(session, type, entityName + "." + attribute);

    List<String> candidates = BlindIndexSearch.candidates(suoja, tenant, type, attribute, value);
    if (candidates.isEmpty()) {
      return new ArrayList<>(); // the tenant has no data key yet: nothing was ever indexed
    }
    CriteriaBuilder cb = session.getCriteriaBuilder();
    CriteriaQuery<T> query = cb.createQuery(type);
    Root<T> root = query.from(type);
    query.select(root).where(root.get(indexed.indexAttribute()).in(candidates));
    List<T> rows;
    QuietDenial.arm(session, type); // a denied row is left out, not thrown: no existence oracle
    try {
      rows = session.createQuery(query).getResultList();
    } finally {
      QuietDenial.disarm();
    }

    EntityPersister persister =
        session.getFactory().getMappingMetamodel().getEntityDescriptor(type);
    String wanted = indexed.normalization().normalise(value);
    List<T> out = new ArrayList<>(rows.size());
    for (T row : rows) {
      Object opened = persister.getPropertyValue(row, attribute);
      if (opened == null) {
        continue;
      }
      if (SuojaJpaSettings.MASK.equals(opened) && session.isReadOnly(row)) {
        QuietDenial.evictIfMasked(session, row); // a later find decides it again
        continue; // masked after a denied load: the value cannot be verified
      }
      if (wanted.equals(indexed.normalization().normalise(opened.toString()))) {
        out.add(row);
      }
    }
    return out;
  }

  /** An encrypted attribute and the attribute holding its blind index. */
  private record Indexed(String indexAttribute, Normalization normalization) {
    static Indexed of(Class<?> type, String entityName, String attribute) {
      ProtectedType described = ProtectedType.of(type);
      if (described.field(attribute).isEmpty()) {
        throw new SuojaConfigurationException(
            "SUOJA-5110", entityName + " has no attribute '" + attribute + "'");
      }
      if (!described.isEncrypted(attribute)) {
        throw new SuojaConfigurationException(
            "SUOJA-5110",
            entityName
                + "."
                + attribute
                + " is not @Encrypted: query it with plain JPQL or"
                + " Criteria; PrivacyQueries is for encrypted, blind-indexed attributes");
      }
      String index = BlindIndexSearch.indexAttribute(type, attribute);
      if (index.isEmpty()) {
        throw new SuojaConfigurationException(
            "SUOJA-5110",
            entityName
                + "."
                + attribute
                + " is @Encrypted but has no blind index, so it cannot"
                + " be searched: add an attribute annotated @BlindIndex(of = \""
                + attribute
                + "\") (a String column of 64 characters that Suoja fills on every write), then"
                + " re-save existing rows so their index is computed");
      }
      return new Indexed(index, BlindIndexSearch.normalization(type, attribute));
    }
  }
}
