package fi.suoja.masking;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An immutable set of registered sensitive literals, matched case-insensitively.
 *
 * <p>Multi-pattern match by a first-character index: a 64-bit filter on the folded first
 * character rejects almost every text position with one AND; a hit looks up the few literals that
 * start with that character (longest first) and compares them. Registered literals per unit of
 * work are few (tens), so this beats building an automaton per registration.
 *
 * <p>Literals shorter than {@link #WORD_ONLY_BELOW} characters ("Li", "Bo") only match as a whole
 * word, so that a two-letter name does not mask every "li" in a line; single characters are never
 * registered.
 */
final class Literals {

  static final int WORD_ONLY_BELOW = 3;
  private static final int MAX_PARTS = 4;
  private static final int MAX_SPLIT_LENGTH = 64;
  static final Literals EMPTY = new Literals(List.of());

  private static final char[] ASCII_FOLD = new char[128];

  static {
    for (char c = 0; c < 128; c++) {
      ASCII_FOLD[c] = (c >= 'A' && c <= 'Z') ? (char) (c + 32) : c;
    }
  }

  private final List<String> sources;
  private final long filter;
  private final char[] keys;
  private final char[][][] buckets;
  private final int mask;

  private Literals(List<String> sources) {
    this.sources = sources;
    List<char[]> folded = new ArrayList<>();
    for (String s : sources) {
      folded.add(foldAll(s));
    }
    folded.sort(Comparator.comparingInt((char[] a) -> a.length).reversed());
    int size = Integer.highestOneBit(Math.max(4, folded.size() * 2 + 1) * 2);
    keys = new char[size];
    buckets = new char[size][][];
    mask = size - 1;
    long f = 0;
    for (char[] literal : folded) {
      char first = literal[0];
      f |= 1L << (first & 63);
      int slot = slotOf(first);
      char[][] bucket = buckets[slot];
      if (bucket == null) {
        keys[slot] = first;
        buckets[slot] = new char[][] {literal};
      } else {
        char[][] grown = Arrays.copyOf(bucket, bucket.length + 1);
        grown[bucket.length] = literal;
        buckets[slot] = grown;
      }
    }
    filter = f;
  }

  private int slotOf(char key) {
    int slot = (key * 0x9E3779B1) >>> 16 & mask;
    while (buckets[slot] != null && keys[slot] != key) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  /** A new set with {@code value} (and, for short multi-word values, its words) added. */
  Literals with(CharSequence value) {
    Set<String> all = new LinkedHashSet<>(sources);
    String whole = value.toString().strip();
    int before = all.size();
    if (whole.length() >= 2) {
      all.add(whole);
    }
    if (whole.length() <= MAX_SPLIT_LENGTH) {
      String[] parts = whole.split("[\\s,;]+");
      if (parts.length > 1 && parts.length <= MAX_PARTS) {
        for (String part : parts) {
          if (part.length() >= 2) {
            all.add(part);
          }
        }
      }
    }
    return all.size() == before ? this : new Literals(List.copyOf(all));
  }

  boolean isEmpty() {
    return sources.isEmpty();
  }

  int size() {
    return sources.size();
  }

  static char fold(char c) {
    return c < 128 ? ASCII_FOLD[c] : Character.toLowerCase(Character.toUpperCase(c));
  }

  private static char[] foldAll(String s) {
    char[] out = new char[s.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = fold(s.charAt(i));
    }
    return out;
  }

  /** The end of the longest literal starting at {@code at}, or -1. */
  int match(String text, int at) {
    char first = fold(text.charAt(at));
    if ((filter & (1L << (first & 63))) == 0) {
      return -1;
    }
    int slot = slotOf(first);
    char[][] bucket = buckets[slot];
    if (bucket == null) {
      return -1;
    }
    int n = text.length();
    outer:
    for (char[] literal : bucket) {
      int end = at + literal.length;
      if (end > n) {
        continue;
      }
      for (int k = 1; k < literal.length; k++) {
        if (fold(text.charAt(at + k)) != literal[k]) {
          continue outer;
        }
      }
      if (literal.length < WORD_ONLY_BELOW
          && ((at > 0 && Character.isLetterOrDigit(text.charAt(at - 1)))
              || (end < n && Character.isLetterOrDigit(text.charAt(end))))) {
        continue;
      }
      return end;
    }
    return -1;
  }
}
