package fi.suoja.crypto;

/**
 * The token that every method handing out secret key bytes (or a JCA key object) requires. It
 * exists so that each place that touches key material can be found with {@code grep
 * InsecureSecretKeyAccess}, as in Tink. It protects nothing by itself.
 *
 * <p>Warning: code holding the token can read key material. Suoja uses it only inside {@code
 * fi.suoja.crypto.internal}; application code should never need it.
 */
public final class InsecureSecretKeyAccess {
  private static final InsecureSecretKeyAccess INSTANCE = new InsecureSecretKeyAccess();

  private InsecureSecretKeyAccess() {}

  /** The token. */
  public static InsecureSecretKeyAccess get() {
    return INSTANCE;
  }

  @Override
  public String toString() {
    return "InsecureSecretKeyAccess";
  }
}
