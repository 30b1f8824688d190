package fi.suoja.samples.echat;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Realistic, generated personal data for the sample: Finnish-looking names, valid HETUs (with the
 * 2023 century signs), phone numbers and e-mail addresses. Seeded, so every run tells the same
 * story. None of it belongs to a real person: the individual numbers come from the temporary range
 * 900–999, which the population register never issues to residents.
 */
final class FinnishData {
  private static final String CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY";
  private static final List<String> FIRST =
      List.of(
          "Aino", "Eero", "Helmi", "Väinö", "Sanni", "Juhani", "Ilona", "Tapio", "Kerttu", "Onni",
          "Elli", "Lauri", "Siiri", "Mikko", "Anneli", "Pentti");
  private static final List<String> LAST =
      List.of(
          "Virtanen",
          "Korhonen",
          "Mäkinen",
          "Nieminen",
          "Mäkelä",
          "Hämäläinen",
          "Laine",
          "Heikkinen",
          "Koskinen",
          "Järvinen",
          "Lehtonen",
          "Saarinen",
          "Salminen",
          "Heinonen");

  private final Random random;

  FinnishData(long seed) {
    this.random = new Random(seed);
  }

  String firstName() {
    return FIRST.get(random.nextInt(FIRST.size()));
  }

  String lastName() {
    return LAST.get(random.nextInt(LAST.size()));
  }

  /** A valid HETU of someone born between 1930 and 2015, in the temporary range 900–999. */
  String hetu() {
    LocalDate birth = LocalDate.of(1930, 1, 1).plusDays(random.nextInt(85 * 365));
    int year = birth.getYear();
    String signs = year < 2000 ? "-YXWVU" : "ABCDEF";
    char sign = signs.charAt(random.nextInt(signs.length()));
    int individual = 900 + random.nextInt(100);
    String digits =
        String.format(
            Locale.ROOT, "%02d%02d%02d", birth.getDayOfMonth(), birth.getMonthValue(), year % 100);
    long n = Long.parseLong(digits + String.format(Locale.ROOT, "%03d", individual));
    return digits
        + sign
        + String.format(Locale.ROOT, "%03d", individual)
        + CHECK.charAt((int) (n % 31));
  }

  /** A Finnish mobile number in international format. */
  String phone() {
    return String.format(
        Locale.ROOT, "+358 40 %03d %04d", random.nextInt(1000), random.nextInt(10000));
  }

  static String email(String first, String last, String domain) {
    return (ascii(first) + "." + ascii(last) + "@" + domain).toLowerCase(Locale.ROOT);
  }

  private static String ascii(String s) {
    return s.replace('ä', 'a').replace('ö', 'o').replace('Ä', 'A').replace('Ö', 'O');
  }
}
