package fi.suoja.jpa.internal;

import fi.suoja.SuojaConfigurationException;
import java.util.List;
import java.util.Map;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.SessionFactoryOptions;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;

/**
 * Refuses at boot the mappings through which Hibernate's second-level cache would hold plaintext.
 *
 * <p>Everything else the cache holds is the state Hibernate read from or wrote to the row: entity
 * entries are disassembled from the state array before PostLoad opens it and after PreInsert /
 * PreUpdate sealed it, and query results are JDBC values or ids, so they carry sealed envelopes
 * only ({@code SecondLevelCacheTest}). Two mappings break that, on Hibernate 6.6 and 7.x alike:
 *
 * <ul>
 *   <li>{@code hibernate.cache.use_reference_entries}: an immutable entity without associations is
 *       cached as the entity instance itself, which holds the plaintext the application persisted
 *       or was shown, and every session that hits the entry shares that instance.
 *   <li>a {@code @NaturalId} on an encrypted attribute: Hibernate keys the natural-id cache (and
 *       its soft locks) by the natural-id values it finds in the entity at flush, which are the
 *       opened plaintext. Such a natural id could not be looked up anyway: the column holds
 *       randomised ciphertext. Refused whether a cache is configured or not.
 * </ul>
 */
final class SecondLevelCache {
  private SecondLevelCache() {}

  static void refuseUnsafe(
      Metadata metadata, SessionFactoryOptions options, Map<String, EntityModel> models) {
    for (PersistentClass pc : metadata.getEntityBindings()) {
      EntityModel model = models.get(pc.getEntityName());
      if (model == null) {
        continue;
      }
      // Hibernate also needs the entity to have no associations; refusing without that test
      // errs on the closed side and does not depend on how a version decides it
      if (options.isSecondLevelCacheEnabled()
          && options.isDirectReferenceCacheEntriesEnabled()
          && pc.isCached()
          && !pc.isMutable()) {
        throw new SuojaConfigurationException(
            "SUOJA-5007",
            model.entityName()
                + " has @Encrypted attributes, is immutable and cached, and"
                + " 'hibernate.cache.use_reference_entries' is on: the second-level cache would"
                + " hold the entity instance itself, with its plaintext. Switch the setting off"
                + " or do not cache "
                + model.entityName());
      }
      List<String> encrypted = model.encryptedNames();
      for (Property p : pc.getPropertyClosure()) {
        if (p.isNaturalIdentifier() && encrypted.contains(p.getName())) {
          throw new SuojaConfigurationException(
              "SUOJA-5008",
              model.entityName()
                  + "."
                  + p.getName()
                  + " is @Encrypted and part of the @NaturalId:"
                  + " the column holds randomised ciphertext, so the natural id can never be"
                  + " looked up, and Hibernate's natural-id cache would be keyed by its plaintext."
                  + " Make a non-encrypted attribute the natural id, or use a @BlindIndex and"
                  + " PrivacyQueries.findBy");
        }
      }
    }
  }
}
