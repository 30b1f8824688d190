package fi.suoja.jpa.internal;

import fi.suoja.Suoja;
import fi.suoja.SuojaConfigurationException;
import fi.suoja.SuojaException;
import fi.suoja.annotation.ProtectedType;
import fi.suoja.crypto.BlindIndex;
import fi.suoja.crypto.Normalization;
import fi.suoja.jpa.SuojaJpaSettings;
import java.util.List;
import org.hibernate.SessionFactory;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

/**
 * What both blind-index lookups need - {@code PrivacyQueries.findBy} and the rewritten {@code where
 * e.attr = :value} ({@link BlindIndexEquality}): the persistence unit's runtime, the tenant in
 * focus, and the candidate indexes of a value as stored (hex).
 *
 * <p>Public only for {@code fi.suoja.jpa.PrivacyQueries}; not API.
 */
public final class BlindIndexSearch {
  private BlindIndexSearch() {}

  /**
   * The Suoja runtime of {@code factory}'s persistence unit.
   *
   * @throws SuojaConfigurationException {@code SUOJA-5110} when there is none
   */
  public static Suoja runtime(SessionFactory factory) {
    Object runtime = factory.getProperties().get(SuojaJpaSettings.RUNTIME);
    if (runtime instanceof Suoja suoja) {
      return suoja;
    }
    throw new SuojaConfigurationException(
        "SUOJA-5110",
        "no Suoja runtime under '" + SuojaJpaSettings.RUNTIME + "' in this persistence unit");
  }

  /**
   * The tenant whose records a lookup of {@code what} ({@code Entity.attr}) on {@code type}
   * searches: the tenant in focus of {@code session}, or in a single-tenant deployment the fixed
   * tenant of an entity without a tenant attribute.
   *
   * @throws SuojaException {@code SUOJA-5111} when the session has none; {@code SUOJA-5030} when it
   *     was opened before any PrivacyContext and an actor is current now
   */
  public static String tenant(
      SharedSessionContractImplementor session, Class<?> type, String what) {
    String fixed = SingleTenant.of(session.getFactory().getProperties());
    if (fixed != null && ProtectedType.of(type).tenantAttribute().isEmpty()) {
      return fixed; // single-tenant: the entity's records all belong to the fixed tenant
    }
    SessionBindings.requireOpenedWithTenant(session);
    Object tenant = session.getTenantIdentifierValue();
    if (tenant == null || PrivacyContextTenantResolver.NO_TENANT.equals(tenant)) {
      throw new SuojaException(
          "SUOJA-5111",
          "no tenant in focus for a lookup of "
              + what
              + ": run it inside"
              + " PrivacyContext.runAs (tenant staff) or PrivacyContext.runOn (provider staff),"
              + " with hibernate.tenant_identifier_resolver set to Suoja's resolver");
    }
    return tenant.toString();
  }

  /**
   * The index of {@code value} under every key version of {@code tenant}, newest first, in the form
   * the index column holds ({@link BlindIndex#toHex()}), for {@code attribute} of {@code type} or
   * of any class of its inheritance hierarchy (they share the index, see {@link
   * ProtectedType#scope}).
   */
  public static List<String> candidates(
      Suoja suoja, String tenant, Class<?> type, String attribute, String value) {
    return suoja
        .blindIndexer()
        .candidates(tenant, ProtectedType.of(type).scope(), attribute, value)
        .stream()
        .map(BlindIndex::toHex)
        .toList();
  }

  /**
   * The prefix index of the searched {@code prefix} under every key version of {@code tenant},
   * newest first, as the index column holds it (see {@code BlindIndexer.prefixCandidates}).
   */
  public static List<String> prefixCandidates(
      Suoja suoja, String tenant, Class<?> type, String attribute, String prefix) {
    return suoja
        .blindIndexer()
        .prefixCandidates(tenant, ProtectedType.of(type).scope(), attribute, prefix)
        .stream()
        .map(BlindIndex::toHex)
        .toList();
  }

  /**
   * The attribute of {@code type} holding the blind index of {@code attribute}, or empty text when
   * it has none.
   */
  public static String indexAttribute(Class<?> type, String attribute) {
    return ProtectedType.of(type)
        .indexOf(attribute)
        .map(ProtectedType.IndexAttribute::name)
        .orElse("");
  }

  /** How {@code attribute}'s blind index normalises values; null when it has none. */
  public static Normalization normalization(Class<?> type, String attribute) {
    return ProtectedType.of(type)
        .indexOf(attribute)
        .map(i -> Normalization.valueOf(i.normalization().name()))
        .orElse(null);
  }
}
