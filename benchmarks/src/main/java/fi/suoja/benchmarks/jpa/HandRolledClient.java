package fi.suoja.benchmarks.jpa;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.hibernate.annotations.TenantId;

/**
 * The client as a host might encrypt it by hand, without Suoja: the same three attributes sealed
 * with the JDK's AES-256-GCM in a JPA {@link AttributeConverter} (one key, a cached {@code Cipher}
 * per thread, a counter nonce: the cheapest correct code) and the HETU's 32-bit HMAC-SHA256 index
 * computed before insert. No row binding, no per-field or per-tenant keys, no access policy, no
 * audit, no log masking: a baseline that spends what the primitives cost and nothing else.
 */
@Entity
public class HandRolledClient {
  @Id public UUID id;
  @TenantId public String organisation;
  public String responsibleEmployee;

  @Convert(converter = Sealed.class)
  @Column(length = 218)
  public String firstName;

  @Convert(converter = Sealed.class)
  @Column(length = 218)
  public String lastName;

  @Convert(converter = Sealed.class)
  @Column(length = 91)
  public String hetu;

  @Column(length = 64)
  public String hetuIndex;

  public String municipality;

  protected HandRolledClient() {}

  HandRolledClient(String first, String last, String hetu, String municipality) {
    this.id = UUID.randomUUID();
    this.responsibleEmployee = "e-1";
    this.firstName = first;
    this.lastName = last;
    this.hetu = hetu;
    this.municipality = municipality;
  }

  @PrePersist
  @PreUpdate
  void index() {
    Mac mac = MAC.get();
    byte[] tag = mac.doFinal(hetu.trim().toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    hetuIndex = HexFormat.of().formatHex(tag, 0, 4);
  }

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final SecretKeySpec KEY = new SecretKeySpec(random(32), "AES");
  private static final SecretKeySpec INDEX_KEY = new SecretKeySpec(random(32), "HmacSHA256");
  private static final int NONCE_PREFIX = RANDOM.nextInt();
  private static final AtomicLong COUNTER = new AtomicLong();
  private static final ThreadLocal<Cipher> CIPHER =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Cipher.getInstance("AES/GCM/NoPadding");
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException(e);
            }
          });
  private static final ThreadLocal<Mac> MAC =
      ThreadLocal.withInitial(
          () -> {
            try {
              Mac mac = Mac.getInstance("HmacSHA256");
              mac.init(INDEX_KEY);
              return mac;
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException(e);
            }
          });

  private static byte[] random(int length) {
    byte[] b = new byte[length];
    RANDOM.nextBytes(b);
    return b;
  }

  /** AES-256-GCM, Base64url of nonce || ciphertext || tag. */
  public static final class Sealed implements AttributeConverter<String, String> {
    @Override
    public String convertToDatabaseColumn(String value) {
      if (value == null) {
        return null;
      }
      try {
        byte[] nonce =
            ByteBuffer.allocate(12).putInt(NONCE_PREFIX).putLong(COUNTER.incrementAndGet()).array();
        Cipher cipher = CIPHER.get();
        cipher.init(Cipher.ENCRYPT_MODE, KEY, new GCMParameterSpec(128, nonce));
        byte[] plain = value.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[12 + cipher.getOutputSize(plain.length)];
        System.arraycopy(nonce, 0, out, 0, 12);
        cipher.doFinal(plain, 0, plain.length, out, 12);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public String convertToEntityAttribute(String stored) {
      if (stored == null) {
        return null;
      }
      try {
        byte[] in = Base64.getUrlDecoder().decode(stored);
        Cipher cipher = CIPHER.get();
        cipher.init(Cipher.DECRYPT_MODE, KEY, new GCMParameterSpec(128, in, 0, 12));
        return new String(cipher.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
