package fi.suoja.masking;

import java.util.Arrays;

/**
 * The growing set of sensitive literals of one unit of work, matched case-insensitively.
 *
 * <p>A compressed trie (radix tree) over the case-folded literals. Adding a literal walks its
 * characters once and changes one node: amortised O(length of the literal), whatever the number of
 * literals already held (a request that opens 30 000 values registers all of them). Matching at a
 * text position walks the trie along the text: O(length of the longest literal matching there),
 * independent of the number of literals, no allocation; a 64-bit filter on the folded first
 * character rejects most positions with one AND.
 *
 * <p>Thread safety: {@link #add} is serialised by the owner (synchronized); {@link #match} runs on
 * any thread without a lock. Nodes are added by building the new branch completely and then
 * publishing it with one volatile write of the parent's edge table (copy-on-write), so a concurrent
 * reader sees either the whole new literal or none of it. A node split by an insertion is replaced,
 * never changed, so a reader inside it still sees a consistent older trie.
 *
 * <p>Literals shorter than {@link #WORD_ONLY_BELOW} characters ("Li", "Bo") only match as a whole
 * word, so that a two-letter name does not mask every "li" in a line; single characters are never
 * registered.
 */
final class Literals {

  static final int WORD_ONLY_BELOW = 3;
  private static final int MAX_PARTS = 4;
  private static final int MAX_SPLIT_LENGTH = 64;

  /** An empty set shared by every thread without a scope; never added to. */
  static final Literals EMPTY = new Literals();

  private static final char[] ASCII_FOLD = new char[128];

  static {
    for (char c = 0; c < 128; c++) {
      ASCII_FOLD[c] = (c >= 'A' && c <= 'Z') ? (char) (c + 32) : c;
    }
  }

  private final Node root = new Node(new char[0], false, null);
  private volatile long filter;
  private volatile int size;

  /** Characters and edge slots touched by {@link #add} so far; for complexity tests. */
  private long insertWork;

  Literals() {}

  /**
   * Adds {@code value} (stripped) and, for short multi-word values, its words. Values and words
   * shorter than two characters are ignored. Not thread-safe: the caller serialises additions.
   */
  void add(CharSequence value) {
    if (this == EMPTY) {
      throw new IllegalStateException("the shared empty literal set is never added to");
    }
    String whole = value.toString().strip();
    if (whole.length() >= 2) {
      insert(whole, 0, whole.length());
    }
    if (whole.length() <= MAX_SPLIT_LENGTH) {
      addWords(whole);
    }
  }

  /**
   * The words of {@code whole} when it has 2..{@value #MAX_PARTS} parts separated by runs of white
   * space, commas or semicolons (the parts {@code whole.split("[\\s,;]+")} gives, without the
   * regular expression).
   */
  private void addWords(String whole) {
    int n = whole.length();
    int[] bounds = new int[2 * (MAX_PARTS + 1)];
    int parts = 0;
    int i = 0;
    // String.split keeps a leading empty part when the text starts with a separator
    while (i <= n && parts <= MAX_PARTS) {
      int start = i;
      while (i < n && !isSeparator(whole.charAt(i))) {
        i++;
      }
      int end = i;
      while (i < n && isSeparator(whole.charAt(i))) {
        i++;
      }
      bounds[2 * parts] = start;
      bounds[2 * parts + 1] = end;
      parts++;
      if (i == n) {
        break;
      }
    }
    if (i < n) {
      return; // more than MAX_PARTS parts
    }
    // trailing empty parts are dropped by String.split (a trailing separator run makes none)
    if (parts <= 1 || parts > MAX_PARTS) {
      return;
    }
    for (int p = 0; p < parts; p++) {
      int start = bounds[2 * p];
      int end = bounds[2 * p + 1];
      if (end - start >= 2) {
        insert(whole, start, end);
      }
    }
  }

  /** The separators of {@code [\s,;]}: ASCII white space, comma, semicolon. */
  private static boolean isSeparator(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == ','
        || c == ';';
  }

  /**
   * Inserts the folded {@code s[from, to)}; true when it was not held yet. Folds while walking:
   * only the new branch's labels are allocated.
   */
  // one writer at a time (the owner serialises add); volatile only publishes to the readers
  @SuppressWarnings("NonAtomicVolatileUpdate")
  private boolean insert(String s, int from, int to) {
    int length = to - from;
    insertWork += length;
    Node node = root;
    int i = 0;
    while (true) {
      if (i == length) {
        if (node.terminal) {
          return false;
        }
        node.terminal = true;
        size++;
        return true;
      }
      char c = fold(s.charAt(from + i));
      Edges edges = node.edges;
      int idx = edges == null ? -1 : edges.indexOf(c);
      if (idx < 0) {
        Node leaf = new Node(folded(s, from + i, to), true, null);
        if (node == root) {
          filter |= 1L << (c & 63);
        }
        node.edges = Edges.with(edges, leaf);
        insertWork += edges == null ? 1 : edges.keys.length + 1;
        size++;
        return true;
      }
      Node child = edges.kids[idx];
      char[] label = child.label;
      int k = 1;
      int max = Math.min(label.length, length - i);
      while (k < max && label[k] == fold(s.charAt(from + i + k))) {
        k++;
      }
      if (k == label.length) {
        node = child;
        i += k;
        continue;
      }
      // the literal leaves (or ends inside) the child's label: split it at k
      Node tail = new Node(Arrays.copyOfRange(label, k, label.length), child.terminal, child.edges);
      boolean endsHere = i + k == length;
      Edges below = Edges.with(null, tail);
      if (!endsHere) {
        below = Edges.with(below, new Node(folded(s, from + i + k, to), true, null));
      }
      Node middle = new Node(Arrays.copyOf(label, k), endsHere, below);
      node.edges = edges.replace(idx, middle);
      insertWork += label.length + edges.keys.length + 2;
      size++;
      return true;
    }
  }

  private static char[] folded(String s, int from, int to) {
    char[] out = new char[to - from];
    for (int k = 0; k < out.length; k++) {
      out[k] = fold(s.charAt(from + k));
    }
    return out;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** Distinct literals held (whole values and words, compared case-insensitively). */
  int size() {
    return size;
  }

  /** Characters and edge-table slots written by all additions so far (complexity tests). */
  long insertWork() {
    return insertWork;
  }

  static char fold(char c) {
    return c < 128 ? ASCII_FOLD[c] : Character.toLowerCase(Character.toUpperCase(c));
  }

  /** The end of the longest literal starting at {@code at}, or -1. */
  int match(String text, int at) {
    char first = fold(text.charAt(at));
    if ((filter & (1L << (first & 63))) == 0) {
      return -1;
    }
    int n = text.length();
    int best = -1;
    int pos = at;
    Node node = root;
    char c = first;
    while (true) {
      Edges edges = node.edges;
      if (edges == null) {
        return best;
      }
      int idx = edges.indexOf(c);
      if (idx < 0) {
        return best;
      }
      node = edges.kids[idx];
      char[] label = node.label;
      int end = pos + label.length;
      if (end > n) {
        return best;
      }
      for (int k = 1; k < label.length; k++) {
        if (fold(text.charAt(pos + k)) != label[k]) {
          return best;
        }
      }
      if (node.terminal && (end - at >= WORD_ONLY_BELOW || isWholeWord(text, at, end))) {
        best = end;
      }
      if (end == n) {
        return best;
      }
      pos = end;
      c = fold(text.charAt(pos));
    }
  }

  private static boolean isWholeWord(String text, int start, int end) {
    return (start == 0 || !Character.isLetterOrDigit(text.charAt(start - 1)))
        && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)));
  }

  /** A trie node: the characters on the edge into it, and its children. */
  private static final class Node {
    final char[] label;
    volatile boolean terminal;
    volatile Edges edges;

    Node(char[] label, boolean terminal, Edges edges) {
      this.label = label;
      this.terminal = terminal;
      this.edges = edges;
    }
  }

  /** An immutable edge table, sorted by the first character of each child's label. */
  private static final class Edges {
    final char[] keys;
    final Node[] kids;

    private Edges(char[] keys, Node[] kids) {
      this.keys = keys;
      this.kids = kids;
    }

    int indexOf(char c) {
      char[] k = keys;
      if (k.length <= 8) {
        for (int i = 0; i < k.length; i++) {
          if (k[i] == c) {
            return i;
          }
        }
        return -1;
      }
      int found = Arrays.binarySearch(k, c);
      return found < 0 ? -1 : found;
    }

    /** {@code edges} (may be null) plus {@code kid}, whose first character is not in it. */
    static Edges with(Edges edges, Node kid) {
      char key = kid.label[0];
      if (edges == null) {
        return new Edges(new char[] {key}, new Node[] {kid});
      }
      int at = -Arrays.binarySearch(edges.keys, key) - 1;
      int n = edges.keys.length;
      char[] keys = new char[n + 1];
      Node[] kids = new Node[n + 1];
      System.arraycopy(edges.keys, 0, keys, 0, at);
      System.arraycopy(edges.kids, 0, kids, 0, at);
      keys[at] = key;
      kids[at] = kid;
      System.arraycopy(edges.keys, at, keys, at + 1, n - at);
      System.arraycopy(edges.kids, at, kids, at + 1, n - at);
      return new Edges(keys, kids);
    }

    /** A copy with the child at {@code index} replaced by {@code kid} (same first character). */
    Edges replace(int index, Node kid) {
      Node[] copy = kids.clone();
      copy[index] = kid;
      return new Edges(keys, copy);
    }
  }
}
