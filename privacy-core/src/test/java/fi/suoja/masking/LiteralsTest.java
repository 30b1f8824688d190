package fi.suoja.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The literal trie: same matches as the naive definition (longest registered literal, short ones as
 * whole words only), registration work linear in the registered text (no rebuild per value), and
 * lock-free matching while another thread registers.
 */
class LiteralsTest {

  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzåäö";

  /** The literal set the previous implementation held: stripped value and its 2-4 words. */
  private static Set<String> reference(List<String> values) {
    Set<String> all = new LinkedHashSet<>();
    for (String value : values) {
      String whole = value.strip();
      if (whole.length() >= 2) {
        all.add(fold(whole));
      }
      if (whole.length() <= 64) {
        @SuppressWarnings("StringSplitter") // the model is String.split, trailing parts dropped
        String[] parts = whole.split("[\\s,;]+");
        if (parts.length > 1 && parts.length <= 4) {
          for (String part : parts) {
            if (part.length() >= 2) {
              all.add(fold(part));
            }
          }
        }
      }
    }
    return all;
  }

  private static String fold(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      b.append(Literals.fold(s.charAt(i)));
    }
    return b.toString();
  }

  /** Naive: the end of the longest literal of {@code set} at {@code at}, or -1. */
  private static int naiveMatch(Set<String> set, String text, int at) {
    int best = -1;
    for (String literal : set) {
      int end = at + literal.length();
      if (end > text.length() || !fold(text.substring(at, end)).equals(literal)) {
        continue;
      }
      boolean word =
          (at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1)))
              && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)));
      if ((literal.length() >= Literals.WORD_ONLY_BELOW || word) && end > best) {
        best = end;
      }
    }
    return best;
  }

  @Provide
  Arbitrary<List<String>> values() {
    // a small alphabet forces shared prefixes, label splits and literals ending inside others
    return Arbitraries.strings().withChars("abAB äÄ,;-\t").ofMaxLength(9).list().ofMaxSize(60);
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.strings().withChars("abAB äÄ,;-x1\u00c5").ofMaxLength(40);
  }

  @Property(tries = 300)
  void match_anyLiteralSet_agreesWithNaiveLongestMatch(
      @ForAll("values") List<String> values, @ForAll("texts") String text) {
    Literals literals = new Literals();
    values.forEach(literals::add);
    Set<String> expected = reference(values);
    assertThat(literals.size()).isEqualTo(expected.size());
    assertThat(literals.isEmpty()).isEqualTo(expected.isEmpty());
    for (int at = 0; at < text.length(); at++) {
      assertThat(literals.match(text, at))
          .as("at %d", at)
          .isEqualTo(naiveMatch(expected, text, at));
    }
  }

  @Property(tries = 200)
  void add_literalEndingInsideAnother_bothMatch(@ForAll("values") List<String> values) {
    Literals literals = new Literals();
    values.forEach(literals::add);
    for (String literal : reference(values)) {
      String text = "(" + literal + ")";
      assertThat(literals.match(text, 1)).as(literal).isEqualTo(1 + literal.length());
    }
  }

  private static List<String> names(int count, long seed) {
    Random random = new Random(seed);
    List<String> names = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int length = 4 + random.nextInt(9);
      StringBuilder b = new StringBuilder(length);
      for (int k = 0; k < length; k++) {
        b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      String name = b.toString();
      names.add(
          i % 2 == 0 ? name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1) : name);
    }
    return names;
  }

  @Test
  void add_50000Values_workLinearInTheirLengthAndNoRebuild() {
    List<String> names = names(50_000, 7);
    Literals literals = new Literals();
    long chars = 0;
    long halfWork = 0;
    for (int i = 0; i < names.size(); i++) {
      literals.add(names.get(i));
      chars += names.get(i).length();
      if (i == names.size() / 2 - 1) {
        halfWork = literals.insertWork();
      }
    }
    long work = literals.insertWork();
    // each value costs its length, at most its length again for a split label, and one edge
    // table copy of at most the alphabet (+ 2); the previous set copied all values per value
    assertThat(work).isLessThanOrEqualTo(2 * chars + (long) (ALPHABET.length() + 3) * names.size());
    // doubling the values doubles the work (quadratic growth would quadruple it)
    assertThat((double) work / halfWork).isLessThan(2.3);
    assertThat(literals.size())
        .isEqualTo(new LinkedHashSet<>(names.stream().map(LiteralsTest::fold).toList()).size());

    String clean = "2026-11-24 12:00:01 INFO request 42 done in 17 ms";
    String personal = "loaded client " + names.get(37_123) + " (ok)";
    try (SensitiveValues.Scope scope = SensitiveValues.open()) {
      names.forEach(scope::register);
      // clean messages may still contain a registered value by chance: choose one that does not
      assertThat(naiveAt(literals, clean)).isFalse();
      assertThat(Anonymiser.instance().mask(clean)).isSameAs(clean);
      assertThat(Anonymiser.instance().mask(personal)).doesNotContain(names.get(37_123));
      assertThat(scope.size()).isEqualTo(literals.size());
    }
  }

  private static boolean naiveAt(Literals literals, String text) {
    for (int at = 0; at < text.length(); at++) {
      if (literals.match(text, at) > 0) {
        return true;
      }
    }
    return false;
  }

  @Test
  void add_registeringAgain_noWorkBeyondTheWalk() {
    Literals literals = new Literals();
    literals.add("Virtanen");
    long before = literals.insertWork();
    literals.add("VIRTANEN");
    assertThat(literals.size()).isEqualTo(1);
    assertThat(literals.insertWork() - before).isEqualTo("virtanen".length());
  }

  @Test
  void match_whileAnotherThreadRegisters_seesWholeLiteralsOnly() throws Exception {
    List<String> names = names(20_000, 11);
    Literals literals = new Literals();
    CountDownLatch started = new CountDownLatch(1);
    Throwable failure = null; // only this thread reads and writes it
    Thread writer =
        new Thread(
            () -> {
              started.countDown();
              for (String name : names) {
                synchronized (literals) {
                  literals.add(name);
                }
              }
            });
    writer.start();
    started.await();
    String line = "x " + names.get(19_999) + " y " + names.get(5) + " z";
    while (writer.isAlive()) {
      try {
        for (int at = 0; at < line.length(); at++) {
          int end = literals.match(line, at);
          if (end > 0) {
            // whatever is matched is a registered value, never a partial one
            assertThat(names.stream().map(LiteralsTest::fold))
                .contains(fold(line.substring(at, end)));
          }
        }
      } catch (Throwable t) {
        failure = t;
        break;
      }
    }
    writer.join();
    assertThat(failure).isNull();
    assertThat(literals.match(line, 2)).isEqualTo(2 + names.get(19_999).length());
  }
}
