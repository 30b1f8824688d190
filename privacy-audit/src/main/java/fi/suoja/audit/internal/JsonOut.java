package fi.suoja.audit.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * A minimal JSON writer for the canonical event form, producing exactly the bytes Jackson's default
 * generator produces for the same calls on validated event values (no control characters), as
 * {@code EventCodecEquivalenceProperties} checks. Faster than creating a generator per event, which
 * matters on the audit hot path. One per thread; not thread-safe.
 */
final class JsonOut {
  private static final ThreadLocal<JsonOut> CACHE = ThreadLocal.withInitial(JsonOut::new);

  private byte[] buf = new byte[1024];
  private char[] chars = new char[256];
  private int len;
  private boolean first = true;
  private long cachedSecond = Long.MIN_VALUE;
  private byte[] cachedPrefix;

  static JsonOut get() {
    JsonOut out = CACHE.get();
    out.len = 0;
    out.first = true;
    return out;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }
  }

  private void raw(byte b) {
    ensure(1);
    buf[len++] = b;
  }

  private void rawAscii(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[len++] = (byte) s.charAt(i);
    }
  }

  private void comma() {
    if (!first) {
      raw((byte) ',');
    }
    first = false;
  }

  void startObject() {
    comma();
    raw((byte) '{');
    first = true;
  }

  void endObject() {
    raw((byte) '}');
    first = false;
  }

  void startArray() {
    comma();
    raw((byte) '[');
    first = true;
  }

  void endArray() {
    raw((byte) ']');
    first = false;
  }

  void name(String name) {
    comma();
    string(name);
    raw((byte) ':');
    first = true;
  }

  /** A field name encoded once: {@code "name":}, as {@link #name(String)} would write it. */
  static byte[] key(String name) {
    JsonOut g = new JsonOut();
    g.name(name);
    return g.toByteArray();
  }

  /** Writes a name encoded by {@link #key}. */
  void name(byte[] key) {
    comma();
    ensure(key.length);
    System.arraycopy(key, 0, buf, len, key.length);
    len += key.length;
    first = true;
  }

  void field(byte[] key, String value) {
    name(key);
    value(value);
  }

  void value(String s) {
    comma();
    string(s);
  }

  void value(boolean b) {
    comma();
    rawAscii(b ? "true" : "false");
  }

  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  // As Jackson's UTF8JsonGenerator by default: ASCII raw except " and \ escaped, other BMP
  // characters as UTF-8, surrogates (supplementary characters) as \\uXXXX escapes.
  private void string(String s) {
    int n = s.length();
    ensure(n * 6 + 2);
    if (chars.length < n) {
      chars = new char[Math.max(n, chars.length * 2)];
    }
    char[] cs = chars;
    s.getChars(0, n, cs, 0); // one bulk copy; the loop below then reads a plain array
    byte[] b = buf; // locals: the loop must not reload or store fields per character
    int l = len;
    b[l++] = '"';
    for (int i = 0; i < n; i++) {
      char c = cs[i];
      if (c < 0x80) {
        if (c == '"' || c == '\\') {
          b[l++] = '\\';
        }
        b[l++] = (byte) c;
      } else if (Character.isSurrogate(c)) {
        b[l++] = '\\';
        b[l++] = 'u';
        b[l++] = HEX[(c >> 12) & 0xF];
        b[l++] = HEX[(c >> 8) & 0xF];
        b[l++] = HEX[(c >> 4) & 0xF];
        b[l++] = HEX[c & 0xF];
      } else if (c < 0x800) {
        b[l++] = (byte) (0xC0 | (c >> 6));
        b[l++] = (byte) (0x80 | (c & 0x3F));
      } else {
        b[l++] = (byte) (0xE0 | (c >> 12));
        b[l++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        b[l++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    b[l++] = '"';
    len = l;
  }

  /** {@code Instant.toString()} (ISO-8601, UTC), with the date-time prefix cached per second. */
  void instant(byte[] key, Instant t) {
    name(key);
    comma();
    long second = t.getEpochSecond();
    int nano = t.getNano();
    if (second < -62_135_596_800L || second > 253_402_300_799L) {
      // outside years 1..9999 Instant.toString adds signs or more digits: use it
      string(t.toString());
      return;
    }
    if (second != cachedSecond) {
      LocalDateTime d = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
      byte[] p = new byte[19];
      put4(p, 0, d.getYear());
      p[4] = '-';
      put2(p, 5, d.getMonthValue());
      p[7] = '-';
      put2(p, 8, d.getDayOfMonth());
      p[10] = 'T';
      put2(p, 11, d.getHour());
      p[13] = ':';
      put2(p, 14, d.getMinute());
      p[16] = ':';
      put2(p, 17, d.getSecond());
      cachedSecond = second;
      cachedPrefix = p;
    }
    ensure(32);
    buf[len++] = '"';
    System.arraycopy(cachedPrefix, 0, buf, len, 19);
    len += 19;
    if (nano > 0) {
      buf[len++] = '.';
      int digits;
      int value;
      if (nano % 1_000_000 == 0) {
        digits = 3;
        value = nano / 1_000_000;
      } else if (nano % 1000 == 0) {
        digits = 6;
        value = nano / 1000;
      } else {
        digits = 9;
        value = nano;
      }
      for (int i = digits - 1; i >= 0; i--) {
        buf[len + i] = (byte) ('0' + value % 10);
        value /= 10;
      }
      len += digits;
    }
    buf[len++] = 'Z';
    buf[len++] = '"';
  }

  private static void put2(byte[] p, int at, int v) {
    p[at] = (byte) ('0' + v / 10);
    p[at + 1] = (byte) ('0' + v % 10);
  }

  private static void put4(byte[] p, int at, int v) {
    p[at] = (byte) ('0' + v / 1000);
    p[at + 1] = (byte) ('0' + v / 100 % 10);
    p[at + 2] = (byte) ('0' + v / 10 % 10);
    p[at + 3] = (byte) ('0' + v % 10);
  }
}
