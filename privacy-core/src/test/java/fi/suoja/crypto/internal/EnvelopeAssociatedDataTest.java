package fi.suoja.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one-pass associated data of an envelope that binds its row and policy inputs (issue 23) is
 * byte for byte the composition it replaced, for every absent/present combination and non-ASCII
 * values: envelopes sealed before open after, and the other way round.
 */
class EnvelopeAssociatedDataTest {
  @Test
  void withRowAndPolicy_equalsWithPolicyOfWithRow() {
    byte[] prefix = {1, 2, 3, 4, 5, 6, 7};
    List<String> values =
        Arrays.asList(null, "", "e-1", "5f0c1f2e-8a43-4b5e-9d7c-2f1a6b3c4d5e", "Sukunimi-ä€𝄞");
    for (String row : values) {
      for (String owner : values) {
        for (String subject : values) {
          byte[] expected = Envelope.withPolicy(Envelope.withRow(prefix, row), owner, subject);
          assertThat(Envelope.withRowAndPolicy(prefix, row, owner, subject))
              .as("row %s, owner %s, subject %s", row, owner, subject)
              .isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void withRowAndPolicy_leavesThePrefixAlone() {
    byte[] prefix = {9, 8, 7};
    Envelope.withRowAndPolicy(prefix, "r", "o", "s");
    assertThat(prefix).containsExactly(9, 8, 7);
  }
}
