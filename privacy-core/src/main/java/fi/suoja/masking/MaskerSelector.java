package fi.suoja.masking;

import java.util.Objects;

/**
 * Chooses the {@link Masker} for the log line being written now, typically by the current tenant's
 * setting (anonymise or pseudonymise). The SLF4J wrapper, the Logback converters and the Jackson
 * module ask it once per line or value.
 *
 * <p>Implementations must be fast, thread-safe and must fail closed: when no tenant setting is
 * known, return {@link Anonymiser#instance()}, never a masker that lets text through.
 */
@FunctionalInterface
public interface MaskerSelector {

  /** The masker for the current line; never null. */
  Masker select();

  /**
   * The default: the masker of the {@link SensitiveValues} scope open on this thread (Suoja's
   * {@code PrivacyContext} opens one per unit of work with the tenant's masker), else the {@link
   * Anonymiser}.
   */
  static MaskerSelector scoped() {
    return ScopedSelector.INSTANCE;
  }

  /** Always {@code masker}, whatever the scope. */
  static MaskerSelector fixed(Masker masker) {
    Objects.requireNonNull(masker, "masker");
    return () -> masker;
  }
}
