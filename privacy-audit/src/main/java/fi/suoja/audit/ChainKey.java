package fi.suoja.audit;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret key of an HMAC-SHA256 audit chain. With it, each record's chain hash is {@code
 * HMAC(key, previous || leafHash)}: whoever lacks the key cannot rewrite a record and recompute the
 * chain after it.
 *
 * <p><b>Guarantees.</b> {@link #toString()} and every exception show only a fingerprint (the first
 * 8 bytes of {@code SHA-256("suoja-audit-chain-key" || key)}), never key bytes.
 *
 * <p><b>Warning.</b> The chain key is symmetric: a verifier that holds it can also forge records.
 * Give verifiers that must not write the signed checkpoints' public key instead, and keep the chain
 * key in a key store, not in configuration files.
 */
public final class ChainKey {
  private final byte[] key;
  private final String fingerprint;

  private ChainKey(byte[] key) {
    this.key = key;
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update("suoja-audit-chain-key".getBytes(StandardCharsets.US_ASCII));
      d.update(key);
      this.fingerprint = HexFormat.of().formatHex(d.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A chain key from at least 32 bytes of secret material (copied).
   *
   * @throws AuditException {@code SUOJA-4020} if shorter than 32 bytes
   */
  public static ChainKey of(byte[] secret) {
    if (secret == null || secret.length < 32) {
      throw new AuditException(
          "SUOJA-4020", "ChainKey.of(secret): a chain key must be at least 32 bytes");
    }
    return new ChainKey(secret.clone());
  }

  /** A fresh random 32-byte chain key. */
  public static ChainKey generate() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return new ChainKey(k);
  }

  /** Public fingerprint of the key (16 hex chars); safe to log. */
  public String fingerprint() {
    return fingerprint;
  }

  /** A new HMAC-SHA256 instance initialised with this key (for the chain implementation). */
  public Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("JDK without HmacSHA256", e);
    }
  }

  /** Constant-time comparison of key material. */
  @Override
  public boolean equals(Object o) {
    return o instanceof ChainKey other && MessageDigest.isEqual(key, other.key);
  }

  @Override
  public int hashCode() {
    return fingerprint.hashCode();
  }

  /** Shows the fingerprint only. */
  @Override
  public String toString() {
    return "ChainKey[fingerprint=" + fingerprint + "]";
  }
}
