package fi.suoja.crypto.tink;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.KmsClients;
import fi.suoja.SuojaConfigurationException;
import fi.suoja.crypto.spi.KeyContext;
import fi.suoja.crypto.spi.KeyEncryption;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * A master key version in a key management service, through a Google Tink {@link Aead}: data keys
 * are wrapped with {@code aead.encrypt(dataKey, context.associatedData())} and unwrapped with
 * {@code decrypt}, so the service binds the owner and versions as associated data and the master
 * key never enters the JVM. Tink's {@code AwsKmsClient}, {@code GcpKmsClient} and Vault clients
 * serve with no Suoja code of their own; give the result to {@code KeyProvider.kms().key(...)},
 * which adds retries, backoff and a deadline.
 *
 * <p>The wrapped key is whatever the service answers (at most 256 bytes stored). {@link
 * #toString()} names the version and the key URI or the {@code Aead}'s class, never key material.
 */
public final class TinkKeyEncryption implements KeyEncryption {
  private final int version;
  private final Aead aead;
  private final String name;

  private TinkKeyEncryption(int version, Aead aead, String name) {
    if (version < 1) {
      throw new SuojaConfigurationException("SUOJA-1055", "master key version must be 1 or more");
    }
    this.version = version;
    this.aead = Objects.requireNonNull(aead, "aead");
    this.name = name;
  }

  /** Master key {@code version} is the key behind {@code aead}. */
  public static TinkKeyEncryption of(int version, Aead aead) {
    Objects.requireNonNull(aead, "aead");
    return new TinkKeyEncryption(version, aead, aead.getClass().getSimpleName());
  }

  /**
   * Master key {@code version} is the key {@code keyUri} of {@code client} (e.g. {@code
   * aws-kms://arn:aws:kms:...}, {@code gcp-kms://projects/...}).
   *
   * @throws SuojaConfigurationException ({@code SUOJA-1055}) if the client does not support the URI
   *     or cannot make an {@code Aead} for it
   */
  public static TinkKeyEncryption of(int version, KmsClient client, String keyUri) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(keyUri, "keyUri");
    if (!client.doesSupport(keyUri)) {
      throw new SuojaConfigurationException(
          "SUOJA-1055", client.getClass().getSimpleName() + " does not support key URI " + keyUri);
    }
    try {
      return new TinkKeyEncryption(version, client.getAead(keyUri), keyUri);
    } catch (GeneralSecurityException e) {
      throw new SuojaConfigurationException(
          "SUOJA-1055", "cannot use key URI " + keyUri + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * Master key {@code version} is {@code keyUri}, through the {@link KmsClient} registered for it
   * with {@link KmsClients#add}.
   *
   * @throws SuojaConfigurationException ({@code SUOJA-1055}) if no registered client supports it
   */
  public static TinkKeyEncryption of(int version, String keyUri) {
    Objects.requireNonNull(keyUri, "keyUri");
    KmsClient client;
    try {
      client = KmsClients.get(keyUri);
    } catch (GeneralSecurityException e) {
      throw new SuojaConfigurationException(
          "SUOJA-1055", "no Tink KmsClient is registered for key URI " + keyUri);
    }
    return of(version, client, keyUri);
  }

  @Override
  public int version() {
    return version;
  }

  @Override
  public byte[] wrap(byte[] dataKey, KeyContext context) throws GeneralSecurityException {
    requireVersion(context);
    return aead.encrypt(dataKey, context.associatedData());
  }

  @Override
  public byte[] unwrap(byte[] wrapped, KeyContext context) throws GeneralSecurityException {
    requireVersion(context);
    return aead.decrypt(wrapped, context.associatedData());
  }

  private void requireVersion(KeyContext context) {
    if (context.masterKeyVersion() != version) {
      throw new IllegalArgumentException("context names another master key version");
    }
  }

  @Override
  public String toString() {
    return "TinkKeyEncryption[version=" + version + ", " + name + "]";
  }
}
