package fi.suoja.benchmarks.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import fi.suoja.crypto.CipherContext;
import fi.suoja.crypto.FieldCipher;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Sealing a String field into a text column and opening it back, against the raw JDK AES-GCM
 * primitive and Tink's AES256_GCM AEAD in the same run. Every implementation does the same work
 * around the primitive: UTF-8 encode, encrypt with the same associated data, Base64url; and the
 * reverse.
 *
 * <ul>
 *   <li>{@code baseline}: a cached JDK {@link Cipher}, a fresh nonce from a per-thread counter (the
 *       cheapest correct nonce), nonce || ciphertext || tag. The strict target: it has none of
 *       Suoja's work (key lookup, header, context encoding, zeroing).
 *   <li>{@code baselineSecureRandom}: the same with the nonce from {@link SecureRandom}, as most
 *       hand-written code does.
 *   <li>{@code tink}: Tink 1.20 AES256_GCM (random nonce, 5-byte key prefix).
 *   <li>{@code suoja}: {@link FieldCipher#seal} / {@link FieldCipher#open}.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FieldSealBenchmark {
  @Param({"baseline", "baselineSecureRandom", "tink", "suoja"})
  public String impl;

  @Param({"11", "32", "256", "4096"})
  public int size;

  private String plaintext;
  private String sealed;
  private Field field;

  /** One implementation of "String in, text column out, and back". */
  interface Field {
    String seal(String plaintext) throws GeneralSecurityException;

    String open(String sealed) throws GeneralSecurityException;
  }

  @Setup(Level.Trial)
  public void setUp() throws GeneralSecurityException {
    StringBuilder sb = new StringBuilder(size);
    for (int i = 0; i < size; i++) {
      sb.append((char) ('a' + i % 26));
    }
    plaintext = sb.toString();
    CipherContext context =
        CipherContext.of(CryptoFixture.TENANT, "Client", "notes").withRow("123456");
    // the same associated-data length Suoja binds: header + tenant, entity, field, row
    byte[] aad = new byte[7 + 2 + 4 + 2 + 6 + 2 + 5 + 1 + 2 + 6];
    switch (impl) {
      case "baseline" -> field = new Raw(aad, false);
      case "baselineSecureRandom" -> field = new Raw(aad, true);
      case "tink" -> field = new Tink(aad);
      case "suoja" -> {
        FieldCipher cipher = CryptoFixture.suoja().fieldCipher();
        field =
            new Field() {
              @Override
              public String seal(String p) {
                return cipher.seal(context, p);
              }

              @Override
              public String open(String s) {
                return cipher.open(context, s);
              }
            };
      }
      default -> throw new IllegalArgumentException(impl);
    }
    sealed = field.seal(plaintext);
    if (!field.open(sealed).equals(plaintext)) {
      throw new IllegalStateException(impl + " does not round-trip");
    }
  }

  @Benchmark
  public String seal() throws GeneralSecurityException {
    return field.seal(plaintext);
  }

  @Benchmark
  public String open() throws GeneralSecurityException {
    return field.open(sealed);
  }

  /** The raw JDK primitive with a cached Cipher. */
  static final class Raw implements Field {
    private final Cipher cipher;
    private final SecretKeySpec key;
    private final byte[] aad;
    private final SecureRandom random;
    private final long prefix;
    private long counter;

    Raw(byte[] aad, boolean secureRandom) throws GeneralSecurityException {
      byte[] k = new byte[32];
      new SecureRandom().nextBytes(k);
      this.key = new SecretKeySpec(k, "AES");
      this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
      this.aad = aad;
      this.random = secureRandom ? new SecureRandom() : null;
      this.prefix = new SecureRandom().nextInt();
      this.counter = new SecureRandom().nextLong();
    }

    @Override
    public String seal(String plaintext) throws GeneralSecurityException {
      byte[] in = plaintext.getBytes(StandardCharsets.UTF_8);
      byte[] out = new byte[12 + in.length + 16];
      if (random != null) {
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        System.arraycopy(nonce, 0, out, 0, 12);
      } else {
        ByteBuffer.wrap(out).putInt((int) prefix).putLong(counter++);
      }
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, out, 0, 12));
      cipher.updateAAD(aad);
      cipher.doFinal(in, 0, in.length, out, 12);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    @Override
    public String open(String sealed) throws GeneralSecurityException {
      byte[] in = Base64.getUrlDecoder().decode(sealed);
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, 12));
      cipher.updateAAD(aad);
      return new String(cipher.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
    }
  }

  /** Tink's AEAD. */
  static final class Tink implements Field {
    private final Aead aead;
    private final byte[] aad;

    Tink(byte[] aad) throws GeneralSecurityException {
      AeadConfig.register();
      this.aead =
          KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
              .getPrimitive(RegistryConfiguration.get(), Aead.class);
      this.aad = aad;
    }

    @Override
    public String seal(String plaintext) throws GeneralSecurityException {
      byte[] ct = aead.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), aad);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(ct);
    }

    @Override
    public String open(String sealed) throws GeneralSecurityException {
      return new String(
          aead.decrypt(Base64.getUrlDecoder().decode(sealed), aad), StandardCharsets.UTF_8);
    }
  }
}
