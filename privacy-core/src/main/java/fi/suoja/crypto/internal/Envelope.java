package fi.suoja.crypto.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Byte layout of Suoja's field envelope, format 1 (documented byte by byte in docs/ENVELOPE.md):
 *
 * <pre>
 * 0       1   format version, 0x01
 * 1       1   flags: bit 0 = plaintext padded to a bucket, bit 1 = policy inputs bound;
 *             other bits must be 0
 * 2       1   key kind: 0x01 tenant key, 0x02 subject key (reserved)
 * 3       4   key version, big-endian, 1..2^31-1
 * (subject keys only: 1 byte reference length n = 22, then n Base64url characters of reference;
 *  key version 1)
 * h       12  nonce
 * h+12    n   AES-256-GCM ciphertext
 * end-16  16  GCM tag
 * </pre>
 *
 * The associated data is the header (bytes 0..h) followed by {@link #context} and {@link #row}, and
 * by {@link #policy} when flag bit 1 is set.
 */
public final class Envelope {
  /** Format version byte of this layout. */
  public static final int FORMAT_1 = 0x01;

  /** Flag: the plaintext was padded to a bucket before encryption. */
  public static final int FLAG_PADDED = 0x01;

  /** Flag: the associated data ends with the policy inputs (owner, data subject). */
  public static final int FLAG_POLICY = 0x02;

  /** Kind byte of a tenant key. */
  public static final int KIND_TENANT = 0x01;

  /** Kind byte of a subject key (reserved). */
  public static final int KIND_SUBJECT = 0x02;

  /** Length of a subject-key reference: 22 Base64url characters (128 bits, unpadded). */
  public static final int SUBJECT_REF_CHARS = 22;

  /** Header length for a tenant key. */
  public static final int TENANT_HEADER_BYTES = 7;

  /** Bytes an envelope adds to the (padded) plaintext for a tenant key: header, nonce, tag. */
  public static final int TENANT_OVERHEAD =
      TENANT_HEADER_BYTES + AesGcm.NONCE_BYTES + AesGcm.TAG_BYTES;

  private Envelope() {}

  /** A parsed header; {@code length} is where the nonce starts. */
  public record Header(int flags, int kind, int keyVersion, String subjectRef, int length) {
    /** Whether the padded flag is set. */
    public boolean padded() {
      return (flags & FLAG_PADDED) != 0;
    }

    /** Whether the policy-inputs flag is set. */
    public boolean bindsPolicy() {
      return (flags & FLAG_POLICY) != 0;
    }
  }

  /** Writes a tenant-key header without the policy flag; returns its length. */
  public static int writeTenantHeader(byte[] out, boolean padded, int keyVersion) {
    return writeTenantHeader(out, padded ? FLAG_PADDED : 0, keyVersion);
  }

  /** Writes a tenant-key header with {@code flags} at offset 0 of {@code out}; returns its size. */
  public static int writeTenantHeader(byte[] out, int flags, int keyVersion) {
    if ((flags & ~(FLAG_PADDED | FLAG_POLICY)) != 0) {
      throw new IllegalArgumentException("unknown flags");
    }
    out[0] = FORMAT_1;
    out[1] = (byte) flags;
    out[2] = KIND_TENANT;
    out[3] = (byte) (keyVersion >>> 24);
    out[4] = (byte) (keyVersion >>> 16);
    out[5] = (byte) (keyVersion >>> 8);
    out[6] = (byte) keyVersion;
    return TENANT_HEADER_BYTES;
  }

  /**
   * Writes a subject-key header at offset 0 of {@code out}: the tenant layout with kind {@code
   * 0x02}, then the reference length and the reference (22 Base64url characters); returns its
   * length.
   */
  public static int writeSubjectHeader(byte[] out, int flags, int keyVersion, byte[] ref) {
    if (!isReference(ref, 0, ref.length) || keyVersion != 1) {
      throw new IllegalArgumentException(
          "subject reference must be 22 Base64url characters, key version 1");
    }
    writeTenantHeader(out, flags, keyVersion);
    out[2] = KIND_SUBJECT;
    out[TENANT_HEADER_BYTES] = (byte) ref.length;
    System.arraycopy(ref, 0, out, TENANT_HEADER_BYTES + 1, ref.length);
    return TENANT_HEADER_BYTES + 1 + ref.length;
  }

  private static boolean isReference(byte[] b, int from, int n) {
    if (n != SUBJECT_REF_CHARS) {
      return false;
    }
    for (int i = from; i < from + n; i++) {
      int c = b[i];
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * Parses and checks a header: known version, flags and kind, a positive key version, and room for
   * a nonce and a tag after it.
   */
  public static Header parse(byte[] envelope) throws OpenFailedException {
    if (envelope.length < TENANT_OVERHEAD) {
      throw new OpenFailedException("too short");
    }
    if (envelope[0] != FORMAT_1) {
      throw new OpenFailedException("unknown format version");
    }
    int flags = envelope[1] & 0xFF;
    if ((flags & ~(FLAG_PADDED | FLAG_POLICY)) != 0) {
      throw new OpenFailedException("unknown flags");
    }
    int kind = envelope[2] & 0xFF;
    int version =
        ((envelope[3] & 0xFF) << 24)
            | ((envelope[4] & 0xFF) << 16)
            | ((envelope[5] & 0xFF) << 8)
            | (envelope[6] & 0xFF);
    if (version < 1) {
      throw new OpenFailedException("bad key version");
    }
    int length = TENANT_HEADER_BYTES;
    String ref = null;
    if (kind == KIND_SUBJECT) {
      // Strict: a tenant envelope whose kind byte was changed must fail as tampering, not name
      // a subject key that does not exist (which would read like an erased subject).
      int n = envelope[TENANT_HEADER_BYTES] & 0xFF;
      length = TENANT_HEADER_BYTES + 1 + n;
      if (version != 1
          || envelope.length < length + AesGcm.NONCE_BYTES + AesGcm.TAG_BYTES
          || !isReference(envelope, TENANT_HEADER_BYTES + 1, n)) {
        throw new OpenFailedException("bad subject reference");
      }
      ref = new String(envelope, TENANT_HEADER_BYTES + 1, n, StandardCharsets.UTF_8);
    } else if (kind != KIND_TENANT) {
      throw new OpenFailedException("unknown key kind");
    }
    return new Header(flags, kind, version, ref, length);
  }

  /**
   * The context part of the associated data: tenant, entity and field, each as a 2-byte big-endian
   * length and its UTF-8 bytes. Distinct triples never encode alike.
   */
  public static byte[] context(String tenant, String entity, String field) {
    return LengthPrefixed.concat(
        LengthPrefixed.utf8(tenant), LengthPrefixed.utf8(entity), LengthPrefixed.utf8(field));
  }

  /**
   * The row part of the associated data: {@code 0x00} without a row id, {@code 0x01} then the
   * length-prefixed row id with one, so "no row" and any row id never encode alike.
   */
  public static byte[] row(String rowId) {
    if (rowId == null) {
      return new byte[] {0};
    }
    byte[] id = LengthPrefixed.utf8(rowId);
    byte[] out = new byte[1 + id.length];
    out[0] = 1;
    System.arraycopy(id, 0, out, 1, id.length);
    return out;
  }

  /**
   * The policy part of the associated data, present only when flag bit 1 is set: owner, then
   * subject, each as {@code 0x00} when absent or {@code 0x01} and its length-prefixed UTF-8 bytes,
   * so an absent input never encodes like any value, the empty string included.
   */
  public static byte[] policy(String owner, String subject) {
    return LengthPrefixed.concat(row(owner), row(subject));
  }

  /** A copy of {@code aad} followed by {@link #policy}(owner, subject). */
  public static byte[] withPolicy(byte[] aad, String owner, String subject) {
    return LengthPrefixed.concat(aad, policy(owner, subject));
  }

  /**
   * header || context || {@link #row}(rowId), the associated data of one envelope. (The field
   * cipher caches header || context per key and calls {@link #withRow}.)
   */
  public static byte[] associatedData(
      byte[] envelope, int headerLength, byte[] context, String rowId) {
    byte[] prefix = new byte[headerLength + context.length];
    System.arraycopy(envelope, 0, prefix, 0, headerLength);
    System.arraycopy(context, 0, prefix, headerLength, context.length);
    return withRow(prefix, rowId);
  }

  /**
   * {@code prefix || row(rowId) || policy(owner, subject)} built in one array, byte for byte what
   * {@code withPolicy(withRow(prefix, rowId), owner, subject)} returns; runs on every seal and open
   * of an entity with an owner or subject (one allocation instead of seven).
   */
  public static byte[] withRowAndPolicy(byte[] prefix, String rowId, String owner, String subject) {
    byte[] row = rowId == null ? null : rowId.getBytes(StandardCharsets.UTF_8);
    byte[] own = owner == null ? null : owner.getBytes(StandardCharsets.UTF_8);
    byte[] sub = subject == null ? null : subject.getBytes(StandardCharsets.UTF_8);
    byte[] aad = new byte[prefix.length + length(row) + length(own) + length(sub)];
    System.arraycopy(prefix, 0, aad, 0, prefix.length);
    int at = put(aad, prefix.length, row);
    at = put(aad, at, own);
    put(aad, at, sub);
    return aad;
  }

  /** Bytes of {@link #row} for a component of {@code bytes} (null: absent). */
  private static int length(byte[] bytes) {
    if (bytes == null) {
      return 1;
    }
    if (bytes.length > LengthPrefixed.MAX_COMPONENT) {
      throw new IllegalArgumentException("component longer than 65535 bytes");
    }
    return 3 + bytes.length;
  }

  /** Writes {@link #row}'s encoding of {@code bytes} at {@code at}; returns the next position. */
  private static int put(byte[] out, int at, byte[] bytes) {
    if (bytes == null) {
      out[at] = 0;
      return at + 1;
    }
    out[at] = 1;
    out[at + 1] = (byte) (bytes.length >>> 8);
    out[at + 2] = (byte) bytes.length;
    System.arraycopy(bytes, 0, out, at + 3, bytes.length);
    return at + 3 + bytes.length;
  }

  /** {@code prefix || row(rowId)}; runs on every seal and open with a row id. */
  public static byte[] withRow(byte[] prefix, String rowId) {
    int base = prefix.length;
    if (rowId == null) {
      byte[] aad = Arrays.copyOf(prefix, base + 1);
      aad[base] = 0;
      return aad;
    }
    // String.getBytes(UTF_8) is an intrinsic copy for ASCII strings: faster than a char loop
    byte[] id = rowId.getBytes(StandardCharsets.UTF_8);
    if (id.length > LengthPrefixed.MAX_COMPONENT) {
      throw new IllegalArgumentException("row id longer than 65535 bytes");
    }
    byte[] aad = Arrays.copyOf(prefix, base + 3 + id.length);
    aad[base] = 1;
    aad[base + 1] = (byte) (id.length >>> 8);
    aad[base + 2] = (byte) id.length;
    System.arraycopy(id, 0, aad, base + 3, id.length);
    return aad;
  }
}
