package fi.suoja.spring.boot;

import fi.suoja.Suoja;

/**
 * Adjusts the {@link Suoja.Builder} before the starter builds the runtime, for the options that
 * have no property: per-tenant log pseudonyms ({@code logMasking}), crypto options, compound
 * indexes. Every bean of this type is applied, in {@code @Order}; a {@link Suoja} bean of the host
 * replaces the starter's runtime altogether.
 */
@FunctionalInterface
public interface SuojaBuilderCustomizer {

  /** Changes {@code builder} in place. */
  void customize(Suoja.Builder builder);
}
