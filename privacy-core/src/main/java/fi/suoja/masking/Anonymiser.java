package fi.suoja.masking;

import java.util.Objects;

/**
 * The irreversible {@link Masker}: every finding becomes a fixed token naming only its kind, {@code
 * <hetu>}, {@code <email>}, {@code <phone>}, {@code <iban>} or {@code <personal>}. A HETU- or
 * IBAN-shaped string whose checksum fails is masked too, as {@code <hetu?>} or {@code <iban?>}. The
 * default masker wherever no tenant setting is known (fail closed).
 */
public final class Anonymiser implements Masker {

  private static final Anonymiser INSTANCE = new Anonymiser();
  private static final String PERSONAL = "<personal>";

  private final Replacer replacer =
      (out, kind, verified, text, start, end) -> {
        out.append('<').append(kind.label());
        if (!verified) {
          out.append('?');
        }
        out.append('>');
      };

  private Anonymiser() {}

  /** The anonymiser; stateless and thread-safe. */
  public static Anonymiser instance() {
    return INSTANCE;
  }

  @Override
  public String mask(String text) {
    Objects.requireNonNull(text, "text");
    return Scanner.mask(text, replacer, SensitiveValues.currentLiterals());
  }

  @Override
  public String maskValue(Object value) {
    Objects.requireNonNull(value, "value");
    return PERSONAL;
  }

  @Override
  public String toString() {
    return "Anonymiser";
  }
}
