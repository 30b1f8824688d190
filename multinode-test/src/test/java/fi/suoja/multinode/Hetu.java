package fi.suoja.multinode;

import java.util.Random;

/** Valid, random Finnish personal identity codes (test data; 900-999 are the test range). */
final class Hetu {
  private static final String CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY";

  private Hetu() {}

  static String random(Random random) {
    int day = 1 + random.nextInt(28);
    int month = 1 + random.nextInt(12);
    int year = random.nextInt(100);
    int individual = 900 + random.nextInt(100);
    String digits = String.format("%02d%02d%02d", day, month, year);
    int n = Integer.parseInt(digits + String.format("%03d", individual));
    return digits + "-" + String.format("%03d", individual) + CHECK.charAt(n % 31);
  }
}
