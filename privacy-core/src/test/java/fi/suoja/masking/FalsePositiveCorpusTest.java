package fi.suoja.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * False positives on a corpus of 340 ordinary log lines without personal data
 * (src/test/resources/masking/ordinary-log-lines.txt: timestamps, UUIDs, order and invoice numbers,
 * IPs, MAC addresses, durations, versions, hex ids, SQL, stack frames; the last 20 with URL-encoded
 * query strings, JSON escapes, numbers grouped by no-break spaces, en-dash ranges and full-width
 * text, which the spelling-aware detectors read). Detection leans towards false positives (a missed
 * HETU is worse than a masked order number), so the bound is not zero: at most 6 lines (under 2%)
 * may change. Measured: printed by the test.
 */
class FalsePositiveCorpusTest {

  /** The bound; the measured count on the committed corpus is printed by the test. */
  private static final int MAX_CHANGED_LINES = 6;

  @Test
  void mask_ordinaryLogLines_fewFalsePositives() throws IOException {
    List<String> lines;
    try (InputStream in = getClass().getResourceAsStream("/masking/ordinary-log-lines.txt")) {
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    assertThat(lines).hasSizeGreaterThanOrEqualTo(300);
    List<String> changed = new ArrayList<>();
    for (String line : lines) {
      String out = Anonymiser.instance().mask(line);
      if (!out.equals(line)) {
        changed.add(out);
      }
    }
    System.out.println(
        "FalsePositiveCorpusTest: " + changed.size() + " of " + lines.size() + " lines changed");
    changed.forEach(line -> System.out.println("  " + line));
    assertThat(changed).hasSizeLessThanOrEqualTo(MAX_CHANGED_LINES);
  }

  /**
   * Issue 25's "must not change" corpus (src/test/resources/masking/ids-and-numbers.txt, 168
   * lines): UUIDs, W3C trace ids, span ids and traceparents, B3 headers, key ids, object ids,
   * commit and SHA-256 hashes, most with a HETU-shaped run planted inside (a hex letter as the
   * sign, also across a dash), UUIDs whose digit groups look like a phone number, business ids
   * (Y-tunnus) with valid check digits, zero-padded order numbers followed by counts, and URL query
   * strings with escapes but no personal data. No line may change: each is a rule of the detectors,
   * not a statistical bound. On the scanner before issue 25, 89 of them changed.
   */
  @Test
  @SuppressWarnings("ReferenceEquality") // unchanged lines come back as the same object: no copy
  void mask_identifiersAndNumbers_noneChanged() throws IOException {
    List<String> lines;
    try (InputStream in = getClass().getResourceAsStream("/masking/ids-and-numbers.txt")) {
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    assertThat(lines).hasSizeGreaterThanOrEqualTo(160);
    for (Masker masker :
        new Masker[] {
          Anonymiser.instance(),
          Pseudonymiser.withKey(new javax.crypto.spec.SecretKeySpec(new byte[32], "HmacSHA256"))
        }) {
      List<String> changed = new ArrayList<>();
      for (String line : lines) {
        String out = masker.mask(line);
        if (out != line) {
          changed.add(out);
        }
      }
      assertThat(changed).isEmpty();
    }
  }
}
