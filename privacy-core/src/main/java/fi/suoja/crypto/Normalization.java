package fi.suoja.crypto;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a value is normalised before it is blind-indexed, so that spellings of the same value find
 * each other. Chosen per field. Normalisation only affects the index, never the sealed value.
 */
public enum Normalization {
  /** No change: exact match. */
  EXACT {
    @Override
    public String normalise(String value) {
      return value;
    }
  },
  /**
   * Finnish personal identity code: trimmed and upper-cased. The century sign is kept as it is:
   * since 2023 {@code 010190-999K} and {@code 010190Y999K} may be two different people.
   */
  HETU {
    @Override
    public String normalise(String value) {
      return value.strip().toUpperCase(Locale.ROOT);
    }
  },
  /** E-mail address: trimmed and lower-cased. */
  EMAIL {
    @Override
    public String normalise(String value) {
      return value.strip().toLowerCase(Locale.ROOT);
    }
  },
  /**
   * Person name: NFKD, combining marks removed (so {@code Mäkinen} finds {@code Makinen}),
   * lower-cased, runs of white space collapsed to one space, trimmed.
   */
  NAME {
    @Override
    public String normalise(String value) {
      String decomposed = Normalizer.normalize(value, Normalizer.Form.NFKD);
      String folded = MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
      return SPACES.matcher(folded).replaceAll(" ").strip();
    }
  },
  /**
   * Phone number: ASCII digits only; a leading {@code +} becomes {@code 00}, and the Finnish
   * country code ({@code +358} / {@code 00358}) becomes the trunk prefix {@code 0}, so {@code +358
   * 40 123 4567} and {@code 040-123 4567} match.
   */
  PHONE {
    @Override
    public String normalise(String value) {
      String v = value.strip();
      StringBuilder digits = new StringBuilder(v.length() + 1);
      if (v.startsWith("+")) {
        digits.append("00");
      }
      for (int i = 0; i < v.length(); i++) {
        char c = v.charAt(i);
        if (c >= '0' && c <= '9') {
          digits.append(c);
        }
      }
      if (digits.indexOf("00358") == 0) {
        digits.replace(0, 5, "0");
      }
      return digits.toString();
    }
  };

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern SPACES = Pattern.compile("(?U)\\s+");

  /** The normalised form of {@code value}. */
  public abstract String normalise(String value);
}
