package fi.suoja.audit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.ChainKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Set;
import javax.crypto.Mac;

/**
 * The chained record format, shared by the file and JDBC sinks and the verifier.
 *
 * <ul>
 *   <li>leaf data: {@code {"chain":C,"event":E}} (E = canonical event JSON), leaf hash = RFC 6962
 *       {@code SHA-256(0x00 || leaf data)}; the leaf index is the record's sequence number;
 *   <li>chain head: {@code h(-1) = 32 zero bytes}, {@code h(n) = HMAC-SHA256(chainKey, h(n-1) ||
 *       leafHash(n))}, or {@code SHA-256(h(n-1) || leafHash(n))} for an unkeyed chain;
 *   <li>line: {@code {"seq":n,"chain":C,"event":E,"hash":base64(h(n))}}.
 * </ul>
 */
public final class ChainCodec {
  private static final byte[] SEQ = bytes("{\"seq\":");
  private static final byte[] CHAIN = bytes(",\"chain\":\"");
  private static final byte[] LEAF_CHAIN = bytes("{\"chain\":\"");
  private static final byte[] EVENT = bytes("\",\"event\":");
  private static final byte[] HASH = bytes(",\"hash\":\"");
  private static final byte[] END = bytes("\"}");

  private ChainCodec() {}

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** Leaf data of a record. */
  public static byte[] leafData(String chainId, byte[] eventJson) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(eventJson.length + 64);
    out.writeBytes(LEAF_CHAIN);
    out.writeBytes(bytes(chainId));
    out.writeBytes(EVENT);
    out.writeBytes(eventJson);
    out.write('}');
    return out.toByteArray();
  }

  /** Leaf hash of a record: {@code SHA-256(0x00 || leafData)}, hashed without copying. */
  public static byte[] leafHash(String chainId, byte[] eventJson) {
    return leafHash(bytes(chainId), eventJson);
  }

  /** As {@link #leafHash(String, byte[])} with the chain id already in ASCII bytes. */
  public static byte[] leafHash(byte[] chainId, byte[] eventJson) {
    MessageDigest d = Merkle.threadDigest();
    d.update((byte) 0);
    d.update(LEAF_CHAIN);
    d.update(chainId);
    d.update(EVENT);
    d.update(eventJson);
    d.update((byte) '}');
    return d.digest();
  }

  /** Writes lines of one chain without per-line allocation; one per writing thread. */
  public static final class LineWriter {
    private final byte[] chain;
    private final byte[] digits = new byte[20];
    private final byte[] base64 = new byte[44];

    /**
     * @param chainId the chain's id
     */
    public LineWriter(String chainId) {
      this.chain = bytes(chainId);
    }

    /** Appends the stored line (without newline); {@link #line} is this on a fresh buffer. */
    public void write(ByteArrayOutputStream out, long seq, byte[] eventJson, byte[] head) {
      out.writeBytes(SEQ);
      if (seq >= 0) {
        long v = seq;
        int at = digits.length;
        do {
          digits[--at] = (byte) ('0' + v % 10);
          v /= 10;
        } while (v > 0);
        out.write(digits, at, digits.length - at);
      } else {
        out.writeBytes(bytes(Long.toString(seq))); // only a foreign line being re-encoded
      }
      out.writeBytes(CHAIN);
      out.writeBytes(chain);
      out.writeBytes(EVENT);
      out.writeBytes(eventJson);
      out.writeBytes(HASH);
      if (head.length == Merkle.HASH_SIZE) {
        int n = Base64.getEncoder().encode(head, base64);
        out.write(base64, 0, n);
      } else {
        out.writeBytes(Base64.getEncoder().encode(head)); // only a foreign line
      }
      out.writeBytes(END);
    }
  }

  /** The stored line (without newline). */
  public static byte[] line(long seq, String chainId, byte[] eventJson, byte[] head) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(eventJson.length + 120);
    new LineWriter(chainId).write(out, seq, eventJson, head);
    return out.toByteArray();
  }

  /** A parsed line. {@code canonical} is false when re-encoding does not give the same bytes. */
  @SuppressWarnings("ArrayRecordComponent") // never compared or hashed: a carrier of results
  public record Parsed(long seq, String chainId, AuditEvent event, byte[] eventJson, byte[] hash) {}

  /**
   * Parses a line strictly and checks it is byte-for-byte canonical.
   *
   * @throws fi.suoja.audit.AuditException {@code SUOJA-4011} for malformed or foreign lines or
   *     non-canonical bytes, {@code SUOJA-4001} for an invalid event
   */
  public static Parsed parse(byte[] line) {
    JsonNode n;
    try {
      n = EventCodec.MAPPER.readTree(EventCodec.FACTORY.createParser(line));
    } catch (IOException e) {
      throw EventCodec.malformed("record is not JSON");
    }
    if (n == null) {
      throw EventCodec.malformed("record is empty");
    }
    EventCodec.object(n, "record", Set.of("seq", "chain", "event", "hash"));
    JsonNode seq = n.get("seq");
    if (seq == null || !seq.isIntegralNumber() || !seq.canConvertToLong()) {
      throw EventCodec.malformed("record.seq must be an integer");
    }
    String chain = EventCodec.string(n, "chain", true);
    Checks.token("record.chain", chain);
    AuditEvent event = EventCodec.read(n.get("event"));
    byte[] hash;
    try {
      hash = Base64.getDecoder().decode(EventCodec.string(n, "hash", true));
    } catch (IllegalArgumentException e) {
      throw EventCodec.malformed("record.hash is not base64");
    }
    byte[] eventJson = EventCodec.toBytes(event);
    byte[] canonical = line(seq.longValue(), chain, eventJson, hash);
    if (!MessageDigest.isEqual(canonical, line)) {
      throw EventCodec.malformed("record is not in canonical form (bytes were changed)");
    }
    return new Parsed(seq.longValue(), chain, event, eventJson, hash);
  }

  /** Computes chain heads; one instance per thread (holds a Mac or digest). */
  public static final class Hasher {
    private final Mac mac;
    private final MessageDigest digest;

    /**
     * @param key chain key, or null for an unkeyed SHA-256 chain
     */
    public Hasher(ChainKey key) {
      this.mac = key == null ? null : key.newMac();
      this.digest = key == null ? Merkle.sha256() : null;
    }

    /** The head before the first record. */
    public static byte[] initial() {
      return new byte[Merkle.HASH_SIZE];
    }

    /** {@code h(n)} from {@code h(n-1)} and the leaf hash of record n. */
    public byte[] next(byte[] previous, byte[] leafHash) {
      if (mac != null) {
        mac.update(previous);
        mac.update(leafHash);
        return mac.doFinal();
      }
      digest.update(previous);
      digest.update(leafHash);
      return digest.digest();
    }
  }
}
