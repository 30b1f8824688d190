package fi.suoja.jpa.internal;

import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.crypto.CipherContext;
import fi.suoja.crypto.FieldCipher;
import fi.suoja.crypto.FieldOptions;
import fi.suoja.crypto.SuojaCrypto;
import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.WrappedKeyStore;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The width arithmetic against real envelopes. */
class ColumnWidthsTest {
  static final int[] BUCKETS = {0, 16, 32, 64};

  final FieldCipher cipher = cipher();

  static FieldCipher cipher() {
    SuojaCrypto.Builder b =
        SuojaCrypto.builder()
            .keyProvider(KeyProvider.inMemory(Map.of(1, new byte[32])))
            .wrappedKeyStore(WrappedKeyStore.inMemory())
            .createTenantKeysOnFirstUse(true);
    for (int bucket : BUCKETS) {
      if (bucket > 0) {
        b.field("E", "f" + bucket, FieldOptions.defaults().padToBucket(bucket));
      }
    }
    return b.build().fieldCipher();
  }

  String seal(int bucket, String value) {
    return cipher.seal(new CipherContext("A", "E", "f" + bucket, "row-1"), value);
  }

  @Property(tries = 300)
  void neededWidth_worstCaseValue_isExactlyTheSealedLength(
      @ForAll @IntRange(min = 1, max = 300) int maxChars, @ForAll("buckets") int bucket) {
    String worst = "€".repeat(maxChars); // 3 UTF-8 bytes per character
    assertThat(ColumnWidths.neededWidth(maxChars, bucket))
        .isEqualTo((long) seal(bucket, worst).length());
  }

  @Property(tries = 300)
  void neededWidth_anyValueWithinBudget_fits(
      @ForAll("values") String value, @ForAll("buckets") int bucket) {
    assertThat((long) seal(bucket, value).length())
        .isLessThanOrEqualTo(ColumnWidths.neededWidth(Math.max(1, value.length()), bucket));
  }

  @Property(tries = 200)
  void longestThatFits_isTheLargestBudgetWithinTheWidth(
      @ForAll @IntRange(min = 1, max = 5000) int width, @ForAll("buckets") int bucket) {
    int fits = ColumnWidths.longestThatFits(width, bucket);
    if (fits > 0) {
      assertThat(ColumnWidths.neededWidth(fits, bucket)).isLessThanOrEqualTo(width);
    }
    assertThat(ColumnWidths.neededWidth(fits + 1, bucket)).isGreaterThan(width);
  }

  @Example
  void neededWidth_documentedTable_matchesRealSeals() {
    // the rows of docs/OPERATIONS.md "Column widths": HETU 11, name 40; ASCII and worst case
    assertThat(seal(0, "131052-308T").length()).isEqualTo(62);
    assertThat(ColumnWidths.neededWidth(11, 0)).isEqualTo(91L);
    assertThat(seal(16, "131052-308T").length()).isEqualTo(68);
    assertThat(ColumnWidths.neededWidth(11, 16)).isEqualTo(132L);
    assertThat(seal(0, "x".repeat(40)).length()).isEqualTo(100);
    assertThat(ColumnWidths.neededWidth(40, 0)).isEqualTo(207L);
    assertThat(seal(16, "x".repeat(40)).length()).isEqualTo(132);
    assertThat(ColumnWidths.neededWidth(40, 16)).isEqualTo(218L);
  }

  @Provide
  Arbitrary<Integer> buckets() {
    return Arbitraries.of(0, 16, 32, 64);
  }

  @Provide
  Arbitrary<String> values() {
    Arbitrary<Integer> codePoints =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(0x20, 0x7e)),
            net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x80, 0x7ff)),
            net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x800, 0xd7ff)),
            net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x10000, 0x10ffff)));
    return codePoints
        .list()
        .ofMaxSize(120)
        .map(
            cps -> {
              StringBuilder sb = new StringBuilder();
              cps.forEach(sb::appendCodePoint);
              return sb.toString();
            });
  }
}
