package fi.suoja.masking;

import fi.suoja.masking.InvalidHetuException.Reason;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * A valid Finnish personal identity code (henkilötunnus, HETU) {@code DDMMYYCZZZQ}: birth date,
 * century sign, individual number and mod-31 check character.
 *
 * <p>Guarantees: an instance always holds a code that passed every rule (format, century sign,
 * calendar date with leap years, individual number, check character). {@link #toString()} never
 * prints the code; the only way to read it is the explicit {@link #reveal()}. Exception messages
 * never contain the input.
 *
 * <p>The century sign is part of the identity: since the 2023 reform {@code 010190-999K} and {@code
 * 010190Y999K} may be two different people, so {@link #equals} and {@link #hashCode} compare the
 * whole code and nothing here ever normalises the sign.
 *
 * <p>Upper case only: {@code 131052a308t} is rejected ({@link Reason#FORMAT}), as the official
 * format and strict validators do (python-stdnum upper-cases first; Suoja does not guess). The log
 * maskers of this package are case-insensitive, so a lower-case code is still masked in logs.
 *
 * <p>{@link #parse} accepts temporary individual numbers 900–999 (issued e.g. by hospitals, not in
 * the population register; the DVV's fictitious test persons use them); {@link #parseStrict}
 * rejects them. Individual numbers 000 and 001 are never issued and always rejected. Dates before
 * 1850 or in the future are accepted: that is a policy, not the rule.
 */
public final class Hetu {

  static final String CHECK_TABLE = "0123456789ABCDEFHJKLMNPRSTUVWXY";
  private static final String SIGNS_1800 = "+";
  private static final String SIGNS_1900 = "-YXWVU";
  private static final String SIGNS_2000 = "ABCDEF";

  /** The sex by the legacy rule (odd individual number = male, even = female). */
  public enum LegacySex {
    MALE,
    FEMALE
  }

  private final String code;
  private final LocalDate birthDate;
  private final int individualNumber;

  private Hetu(String code, LocalDate birthDate, int individualNumber) {
    this.code = code;
    this.birthDate = birthDate;
    this.individualNumber = individualNumber;
  }

  /**
   * Parses a HETU, accepting temporary individual numbers 900–999.
   *
   * @throws InvalidHetuException if the input is not a valid HETU; its message names the reason
   *     only
   */
  public static Hetu parse(CharSequence input) {
    return orThrow(validate(input));
  }

  /**
   * Parses a HETU under the strict rules: temporary individual numbers 900–999 are rejected with
   * {@link Reason#INDIVIDUAL_NUMBER}.
   *
   * @throws InvalidHetuException if the input is not a valid, permanent HETU
   */
  public static Hetu parseStrict(CharSequence input) {
    return orThrow(validateStrict(input));
  }

  /** Validates without throwing; temporary individual numbers are accepted. */
  public static HetuValidation validate(CharSequence input) {
    return check(input, false);
  }

  /** Validates without throwing; temporary individual numbers are rejected. */
  public static HetuValidation validateStrict(CharSequence input) {
    return check(input, true);
  }

  private static Hetu orThrow(HetuValidation validation) {
    if (validation instanceof HetuValidation.Valid valid) {
      return valid.hetu();
    }
    throw new InvalidHetuException(((HetuValidation.Invalid) validation).reason());
  }

  private static HetuValidation check(CharSequence input, boolean strict) {
    if (input == null || input.length() != 11) {
      return new HetuValidation.Invalid(Reason.FORMAT);
    }
    for (int i = 0; i < 11; i++) {
      boolean digitExpected = i != 6 && i != 10;
      if (digitExpected && !isAsciiDigit(input.charAt(i))) {
        return new HetuValidation.Invalid(Reason.FORMAT);
      }
    }
    char check = input.charAt(10);
    if (CHECK_TABLE.indexOf(check) < 0) {
      return new HetuValidation.Invalid(Reason.FORMAT);
    }
    char sign = input.charAt(6);
    int century = centuryOf(sign);
    if (century < 0) {
      boolean lowerCase = sign >= 'a' && sign <= 'z';
      return new HetuValidation.Invalid(lowerCase ? Reason.FORMAT : Reason.CENTURY_SIGN);
    }
    int day = twoDigits(input, 0);
    int month = twoDigits(input, 2);
    int year = century + twoDigits(input, 4);
    if (month < 1 || month > 12 || day < 1 || day > YearMonth.of(year, month).lengthOfMonth()) {
      return new HetuValidation.Invalid(Reason.DATE);
    }
    int individual = twoDigits(input, 7) * 10 + (input.charAt(9) - '0');
    if (individual < 2 || (strict && individual >= 900)) {
      return new HetuValidation.Invalid(Reason.INDIVIDUAL_NUMBER);
    }
    if (checkCharacter(input) != check) {
      return new HetuValidation.Invalid(Reason.CHECK_CHARACTER);
    }
    return new HetuValidation.Valid(
        new Hetu(input.toString(), LocalDate.of(year, month, day), individual));
  }

  /**
   * The check character of the nine digits DDMMYY and ZZZ at positions 0–5 and 7–9 of {@code s};
   * the caller has checked that they are ASCII digits.
   */
  static char checkCharacter(CharSequence s) {
    int n = 0;
    for (int i = 0; i < 10; i++) {
      if (i != 6) {
        n = n * 10 + (s.charAt(i) - '0');
      }
    }
    return CHECK_TABLE.charAt(n % 31);
  }

  /** The first year of the century a sign stands for, or -1 for an unknown (or lower-case) sign. */
  static int centuryOf(char sign) {
    if (SIGNS_1800.indexOf(sign) >= 0) {
      return 1800;
    }
    if (SIGNS_1900.indexOf(sign) >= 0) {
      return 1900;
    }
    if (SIGNS_2000.indexOf(sign) >= 0) {
      return 2000;
    }
    return -1;
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int twoDigits(CharSequence s, int at) {
    return (s.charAt(at) - '0') * 10 + (s.charAt(at + 1) - '0');
  }

  /**
   * The code itself, e.g. for storing it encrypted.
   *
   * <p>Warning: the returned string is personal data. Never log it, put it in an exception message
   * or an audit event; greppable on purpose.
   */
  public String reveal() {
    return code;
  }

  /** The date of birth encoded by DDMMYY and the century sign. */
  public LocalDate birthDate() {
    return birthDate;
  }

  /** The century sign as written: {@code +}, one of {@code -YXWVU} or one of {@code ABCDEF}. */
  public char centurySign() {
    return code.charAt(6);
  }

  /** The individual number ZZZ, 2–999. */
  public int individualNumber() {
    return individualNumber;
  }

  /**
   * Whether this is a temporary code (individual number 900–999), issued outside the population
   * register (e.g. by a hospital). Temporary codes are personal data like any other.
   */
  public boolean isTemporary() {
    return individualNumber >= 900;
  }

  /**
   * The sex by the legacy rule: odd individual number = male, even = female.
   *
   * <p>Warning: this is the legacy rule only. The personal identity code reform (HE 132/2022)
   * removes the link between the code and sex for new codes; a code says nothing reliable about a
   * person's sex or gender. Do not derive either from it in new code; this exists to read old data
   * whose semantics depended on it.
   */
  public LegacySex legacySex() {
    return individualNumber % 2 == 1 ? LegacySex.MALE : LegacySex.FEMALE;
  }

  /** Same code, century sign included. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Hetu other && code.equals(other.code);
  }

  @Override
  public int hashCode() {
    return code.hashCode();
  }

  /** Always {@code Hetu[***]}: the code is never printed. */
  @Override
  public String toString() {
    return "Hetu[***]";
  }
}
