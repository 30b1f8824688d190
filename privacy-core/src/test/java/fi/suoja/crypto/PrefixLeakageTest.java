package fi.suoja.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Measures what a prefix index leaks on a realistic population: the Finnish surnames and first
 * names of {@code names/finnish-names.tsv} (written for this test from general knowledge of name
 * frequencies, see docs/PREFIX_SEARCH.md), each weighted by its number of holders. For prefix
 * lengths 2..4 and index sizes 8..32 bits it computes, through the real {@link BlindIndexer}: the
 * distinct prefixes, the distinct index values, the share of prefixes whose index collides with
 * another prefix's, the entropy (bits) of the index column's value distribution - what one row's
 * index tells an attacker holding the table at most - and the share of rows whose prefix a
 * frequency analysis recovers (rank the index values by count, match them to the public ranking of
 * prefixes). The table is printed; docs/PREFIX_SEARCH.md quotes it. The assertions pin the
 * conclusions the document draws.
 */
class PrefixLeakageTest {
  static final int[] LENGTHS = {2, 3, 4};
  static final int[] BITS = {8, 12, 16, 24, 32};

  record Row(
      String list,
      int length,
      int bits,
      int prefixes,
      int values,
      double collidingShare,
      double prefixEntropy,
      double indexEntropy,
      double recovered) {}

  @Test
  void leakage_ofPrefixIndexes_onFinnishNames() throws IOException {
    Map<String, Map<String, Long>> lists = read();
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, Map<String, Long>> list : lists.entrySet()) {
      for (int length : LENGTHS) {
        for (int bits : BITS) {
          rows.add(measure(list.getKey(), list.getValue(), length, bits));
        }
      }
    }
    StringBuilder table = new StringBuilder();
    table.append(
        "| list | length | bits | prefixes | index values | prefixes colliding | H(prefix) bits |"
            + " H(index) bits | rows recovered by frequency |\n");
    table.append("|---|---|---|---|---|---|---|---|---|\n");
    for (Row r : rows) {
      table.append(
          String.format(
              java.util.Locale.ROOT,
              "| %s | %d | %d | %d | %d | %.1f%% | %.2f | %.2f | %.1f%% |%n",
              r.list(),
              r.length(),
              r.bits(),
              r.prefixes(),
              r.values(),
              100 * r.collidingShare(),
              r.prefixEntropy(),
              r.indexEntropy(),
              100 * r.recovered()));
    }
    System.out.println(table);

    Row surnames316 = find(rows, "surname", 3, 16);
    Row surnames332 = find(rows, "surname", 3, 32);
    Row surnames38 = find(rows, "surname", 3, 8);
    // at 16 bits almost no two prefixes share an index value: the index is (nearly) the prefix
    assertThat(surnames316.collidingShare()).isLessThan(0.05);
    assertThat(surnames316.indexEntropy())
        .isGreaterThan(surnames316.prefixEntropy() - 0.1)
        .isLessThanOrEqualTo(surnames316.prefixEntropy() + 1e-9);
    // and more bits buy nothing back: the leakage is the prefix distribution itself
    assertThat(surnames332.indexEntropy())
        .isCloseTo(surnames316.indexEntropy(), org.assertj.core.data.Offset.offset(0.1));
    // 8 bits make prefixes collide, which is the only thing that lowers what a row reveals
    assertThat(surnames38.collidingShare()).isGreaterThan(0.2);
    assertThat(surnames38.indexEntropy()).isLessThan(surnames316.indexEntropy());
    // longer prefixes reveal more per row
    assertThat(find(rows, "surname", 4, 16).indexEntropy())
        .isGreaterThan(find(rows, "surname", 2, 16).indexEntropy());
  }

  private static Row find(List<Row> rows, String list, int length, int bits) {
    return rows.stream()
        .filter(r -> r.list().equals(list) && r.length() == length && r.bits() == bits)
        .findFirst()
        .orElseThrow();
  }

  private static Row measure(String list, Map<String, Long> names, int length, int bits) {
    SuojaCrypto crypto =
        TestCrypto.twoTenants(
            b ->
                b.field(
                    "Resident",
                    "name",
                    FieldOptions.defaults().prefixIndex(Normalization.NAME, length, bits)));
    BlindIndexer indexer = crypto.blindIndexer();
    Map<String, Long> byPrefix = new HashMap<>();
    Map<String, String> indexOfPrefix = new HashMap<>();
    Map<String, Long> byIndex = new HashMap<>();
    long total = 0;
    for (Map.Entry<String, Long> e : names.entrySet()) {
      String normalised = Normalization.NAME.normalise(e.getKey());
      String prefix = normalised.length() <= length ? normalised : normalised.substring(0, length);
      String index = indexer.prefixIndex("acme", "Resident", "name", e.getKey()).toHex();
      byPrefix.merge(prefix, e.getValue(), Long::sum);
      String before = indexOfPrefix.putIfAbsent(prefix, index);
      assertThat(before == null || before.equals(index)).isTrue();
      byIndex.merge(index, e.getValue(), Long::sum);
      total += e.getValue();
    }
    Map<String, Integer> prefixesPerIndex = new HashMap<>();
    indexOfPrefix.values().forEach(i -> prefixesPerIndex.merge(i, 1, Integer::sum));
    long colliding =
        indexOfPrefix.values().stream().filter(i -> prefixesPerIndex.get(i) > 1).count();
    // frequency analysis: the i-th commonest index value is taken for the i-th commonest prefix
    List<String> prefixRanking = ranking(byPrefix);
    List<String> indexRanking = ranking(byIndex);
    long recovered = 0;
    for (int i = 0; i < indexRanking.size(); i++) {
      String guessed = prefixRanking.get(i);
      String index = indexRanking.get(i);
      if (Objects.equals(indexOfPrefix.get(guessed), index) && prefixesPerIndex.get(index) == 1) {
        recovered += byPrefix.get(guessed);
      }
    }
    return new Row(
        list,
        length,
        bits,
        byPrefix.size(),
        byIndex.size(),
        (double) colliding / byPrefix.size(),
        entropy(byPrefix, total),
        entropy(byIndex, total),
        (double) recovered / total);
  }

  private static List<String> ranking(Map<String, Long> counts) {
    return counts.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey)
        .toList();
  }

  private static double entropy(Map<String, Long> counts, long total) {
    double h = 0;
    for (long c : counts.values()) {
      double p = (double) c / total;
      h -= p * Math.log(p) / Math.log(2);
    }
    return h;
  }

  private static Map<String, Map<String, Long>> read() throws IOException {
    Map<String, Map<String, Long>> lists = new LinkedHashMap<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                Objects.requireNonNull(
                    PrefixLeakageTest.class.getResourceAsStream("/names/finnish-names.tsv")),
                StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        lists.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).put(f[1], Long.parseLong(f[2]));
      }
    }
    assertThat(lists.get("surname")).hasSizeGreaterThan(200);
    assertThat(lists.get("first")).hasSizeGreaterThan(200);
    return lists;
  }
}
