package fi.suoja.crypto.internal;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.Provider;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The only place in Suoja that obtains a {@link Cipher} (an architecture test enforces it). AES-GCM
 * with the parameters pinned: 96-bit nonces and 128-bit tags only; other sizes are refused before
 * they reach the provider, because the JCE would silently accept shorter tags.
 *
 * <p>Uses the JDK provider (AES-NI and CLMUL intrinsics) with {@link Cipher} objects cached per
 * thread and key (a few per thread); a cached object is re-initialised for every operation with the
 * caller's fresh nonce, and discarded after any failure so that no half-used state is reused.
 *
 * <p>A {@link Cipher} is bound to the provider chosen at its first {@code init}: one that served a
 * software key rejects a PKCS#11 key, and one bound to SunPKCS11 would import a software key into
 * the token. So a cached object is only ever reused for keys of the same class and the same
 * explicit provider (issue 17); a key held by an HSM is passed with its provider (see {@link
 * fi.suoja.crypto.spi.MasterKey#provider()}) and never exported.
 */
public final class AesGcm {
  /** Nonce length in bytes (96 bits). */
  public static final int NONCE_BYTES = 12;

  /** Tag length in bytes (128 bits). */
  public static final int TAG_BYTES = 16;

  private static final String TRANSFORMATION = "AES/GCM/NoPadding";

  /**
   * Per thread, a few {@link Cipher} objects, each remembering the key it last used: the JDK
   * re-expands the AES key schedule whenever a Cipher is initialised with a different key, so an
   * application that alternates between fields (each field has its own key) would pay that on every
   * operation with a single cached Cipher.
   */
  private static final int SLOTS = 8;

  private static final ThreadLocal<Slots> CIPHERS = ThreadLocal.withInitial(Slots::new);

  private static final class Slots {
    final Cipher[] ciphers = new Cipher[SLOTS];
    final Key[] keys = new Key[SLOTS];
    // what the slot's Cipher is bound to: the class of the key that chose its provider, and the
    // explicit provider (null: the JDK's delayed selection among the installed providers)
    final Class<?>[] keyClasses = new Class<?>[SLOTS];
    final Provider[] providers = new Provider[SLOTS];
    int next;

    // identity on purpose: Provider.equals is Hashtable's content comparison (slow, and two
    // SunPKCS11 instances with the same settings are still two logins)
    @SuppressWarnings("ReferenceEquality")
    Cipher forKey(Key key, Provider provider) {
      for (int i = 0; i < SLOTS; i++) {
        if (keys[i] == key && providers[i] == provider) {
          return ciphers[i];
        }
      }
      int i = next;
      next = (next + 1) % SLOTS;
      Class<?> keyClass = key.getClass();
      if (ciphers[i] == null || keyClasses[i] != keyClass || providers[i] != provider) {
        ciphers[i] = newCipher(provider);
        keyClasses[i] = keyClass;
        providers[i] = provider;
      }
      keys[i] = key;
      return ciphers[i];
    }

    void discard(Key key) {
      for (int i = 0; i < SLOTS; i++) {
        if (keys[i] == key) {
          ciphers[i] = null;
          keys[i] = null;
          keyClasses[i] = null;
          providers[i] = null;
        }
      }
    }
  }

  private AesGcm() {}

  /**
   * An AES key for this primitive. Suoja's own keys are always 256 bits; 128 and 192 are accepted
   * here so that the standard test vectors can be run through exactly this code.
   *
   * @throws IllegalArgumentException if the length is not 16, 24 or 32 bytes
   */
  public static SecretKey key(byte[] raw) {
    if (raw.length != 16 && raw.length != 24 && raw.length != 32) {
      throw new IllegalArgumentException("AES key must be 128, 192 or 256 bits");
    }
    return new SecretKeySpec(raw, "AES");
  }

  /** Bytes {@link #seal} writes for a plaintext of {@code plaintextLength} bytes. */
  public static int sealedLength(int plaintextLength) {
    return plaintextLength + TAG_BYTES;
  }

  /**
   * Encrypts and authenticates {@code in[inOff, inOff+inLen)} into {@code out} at {@code outOff}
   * (ciphertext followed by the 16-byte tag).
   *
   * @param nonce exactly 12 bytes, never used before with this key
   * @return bytes written
   * @throws IllegalArgumentException for a nonce that is not 96 bits or an output too small
   * @throws IllegalStateException if the provider fails (never for valid input)
   */
  public static int seal(
      Key key, byte[] nonce, byte[] aad, byte[] in, int inOff, int inLen, byte[] out, int outOff) {
    checkNonce(nonce);
    return seal(key, nonce, 0, aad, in, inOff, inLen, out, outOff);
  }

  /**
   * As {@link #seal(Key, byte[], byte[], byte[], int, int, byte[], int)}, with the 12-byte nonce
   * read from {@code nonceBuf} at {@code nonceOff} (so an envelope's own bytes can hold it).
   */
  public static int seal(
      Key key,
      byte[] nonceBuf,
      int nonceOff,
      byte[] aad,
      byte[] in,
      int inOff,
      int inLen,
      byte[] out,
      int outOff) {
    return seal(null, key, nonceBuf, nonceOff, aad, in, inOff, inLen, out, outOff);
  }

  /**
   * As {@link #seal(Key, byte[], int, byte[], byte[], int, int, byte[], int)}, with the {@link
   * Cipher} taken from {@code provider} (the one that holds {@code key}, e.g. a SunPKCS11 instance;
   * {@code null} for the JDK's selection among the installed providers).
   */
  public static int seal(
      Provider provider,
      Key key,
      byte[] nonceBuf,
      int nonceOff,
      byte[] aad,
      byte[] in,
      int inOff,
      int inLen,
      byte[] out,
      int outOff) {
    if (nonceOff < 0 || nonceOff + NONCE_BYTES > nonceBuf.length) {
      throw new IllegalArgumentException("AES-GCM nonce must be 96 bits");
    }
    if (out.length - outOff < sealedLength(inLen)) {
      throw new IllegalArgumentException("output buffer too small");
    }
    Slots slots = CIPHERS.get();
    Cipher cipher = slots.forKey(key, provider);
    try {
      cipher.init(
          Cipher.ENCRYPT_MODE,
          key,
          new GCMParameterSpec(TAG_BYTES * 8, nonceBuf, nonceOff, NONCE_BYTES));
      if (aad != null && aad.length > 0) {
        cipher.updateAAD(aad);
      }
      return cipher.doFinal(in, inOff, inLen, out, outOff);
    } catch (GeneralSecurityException | RuntimeException e) {
      slots.discard(key);
      throw new IllegalStateException("AES-GCM seal failed: " + e.getClass().getSimpleName());
    }
  }

  /** Convenience form of {@link #seal(Key, byte[], byte[], byte[], int, int, byte[], int)}. */
  public static byte[] seal(Key key, byte[] nonce, byte[] aad, byte[] plaintext) {
    byte[] out = new byte[sealedLength(plaintext.length)];
    seal(key, nonce, aad, plaintext, 0, plaintext.length, out, 0);
    return out;
  }

  /**
   * Verifies and decrypts {@code in[inOff, inOff+inLen)} (ciphertext followed by the 16-byte tag).
   * Every failure, including the JDK's {@code ProviderException} for input shorter than a tag,
   * becomes one {@link OpenFailedException}.
   *
   * @return the plaintext
   * @throws OpenFailedException if the input does not authenticate under this key, nonce and AAD,
   *     or the nonce is not 96 bits
   */
  public static byte[] open(Key key, byte[] nonce, byte[] aad, byte[] in, int inOff, int inLen)
      throws OpenFailedException {
    if (nonce.length != NONCE_BYTES) {
      throw new OpenFailedException("nonce is not 96 bits");
    }
    return open(key, nonce, 0, aad, in, inOff, inLen);
  }

  /**
   * As {@link #open(Key, byte[], byte[], byte[], int, int)}, with the 12-byte nonce read from
   * {@code nonceBuf} at {@code nonceOff}.
   */
  public static byte[] open(
      Key key, byte[] nonceBuf, int nonceOff, byte[] aad, byte[] in, int inOff, int inLen)
      throws OpenFailedException {
    return open(null, key, nonceBuf, nonceOff, aad, in, inOff, inLen);
  }

  /**
   * As {@link #open(Key, byte[], int, byte[], byte[], int, int)}, with the {@link Cipher} taken
   * from {@code provider} ({@code null} for the JDK's selection among the installed providers).
   */
  public static byte[] open(
      Provider provider,
      Key key,
      byte[] nonceBuf,
      int nonceOff,
      byte[] aad,
      byte[] in,
      int inOff,
      int inLen)
      throws OpenFailedException {
    if (nonceOff < 0 || nonceOff + NONCE_BYTES > nonceBuf.length) {
      throw new OpenFailedException("nonce is not 96 bits");
    }
    if (inLen < TAG_BYTES || inOff < 0 || inOff + inLen > in.length) {
      throw new OpenFailedException("input shorter than the tag");
    }
    Slots slots = CIPHERS.get();
    Cipher cipher = slots.forKey(key, provider);
    try {
      cipher.init(
          Cipher.DECRYPT_MODE,
          key,
          new GCMParameterSpec(TAG_BYTES * 8, nonceBuf, nonceOff, NONCE_BYTES));
      if (aad != null && aad.length > 0) {
        cipher.updateAAD(aad);
      }
      return cipher.doFinal(in, inOff, inLen);
    } catch (GeneralSecurityException | RuntimeException e) {
      slots.discard(key);
      throw new OpenFailedException(e.getClass().getSimpleName());
    }
  }

  /** Convenience form of {@link #open(Key, byte[], byte[], byte[], int, int)}. */
  public static byte[] open(Key key, byte[] nonce, byte[] aad, byte[] sealed)
      throws OpenFailedException {
    return open(key, nonce, aad, sealed, 0, sealed.length);
  }

  private static void checkNonce(byte[] nonce) {
    if (nonce.length != NONCE_BYTES) {
      throw new IllegalArgumentException("AES-GCM nonce must be 96 bits");
    }
  }

  private static Cipher newCipher(Provider provider) {
    try {
      return provider == null
          ? Cipher.getInstance(TRANSFORMATION)
          : Cipher.getInstance(TRANSFORMATION, provider);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          (provider == null ? "the JDK" : "provider " + provider.getName())
              + " offers no "
              + TRANSFORMATION,
          e);
    }
  }
}
