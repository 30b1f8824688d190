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
 * (src/test/resources/masking/ordinary-log-lines.txt: timestamps, UUIDs, order and invoice
 * numbers, IPs, MAC addresses, durations, versions, hex ids, SQL, stack frames; the last 20 with
 * URL-encoded query strings, JSON escapes, numbers grouped by no-break spaces, en-dash ranges and
 * full-width text, which the spelling-aware detectors read). Detection leans towards false
 * positives (a missed HETU is worse than a masked order number), so the bound is not zero: at
 * most 6 lines (under 2%) may change. Measured: printed by the test.
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
}
