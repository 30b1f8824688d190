package fi.suoja.audit.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RFC 6962 (Certificate Transparency) Merkle tree hashing: leaf hash {@code SHA-256(0x00 || data)},
 * node hash {@code SHA-256(0x01 || left || right)}, the tree head of n leaves splitting at the
 * largest power of two below n; audit paths (inclusion proofs) and consistency proofs as in RFC
 * 6962 section 2.1, with verification following RFC 9162 section 2.1.3.2 and 2.1.4.2.
 */
public final class Merkle {
  /** Bytes of a SHA-256 hash. */
  public static final int HASH_SIZE = 32;

  private Merkle() {}

  /** A fresh SHA-256 digest. */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK without SHA-256", e);
    }
  }

  // MessageDigest.getInstance looks up providers on every call; the hot path reuses one per thread.
  private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Merkle::sha256);

  /** This thread's reusable SHA-256 digest (reset before use by every caller). */
  public static MessageDigest threadDigest() {
    MessageDigest d = DIGEST.get();
    d.reset();
    return d;
  }

  /** {@code SHA-256(0x00 || data)}. */
  public static byte[] leafHash(byte[] data) {
    MessageDigest d = threadDigest();
    d.update((byte) 0);
    d.update(data);
    return d.digest();
  }

  /** {@code SHA-256(0x01 || left || right)}. */
  public static byte[] nodeHash(byte[] left, byte[] right) {
    MessageDigest d = threadDigest();
    d.update((byte) 1);
    d.update(left);
    d.update(right);
    return d.digest();
  }

  /** The hash of the empty tree, {@code SHA-256("")}. */
  public static byte[] emptyRoot() {
    return sha256().digest();
  }

  /** Tree head of the first {@code n} leaf hashes. */
  public static byte[] root(List<byte[]> leaves, int from, int to) {
    int n = to - from;
    if (n == 0) {
      return emptyRoot();
    }
    if (n == 1) {
      return leaves.get(from);
    }
    int k = largestPowerOfTwoBelow(n);
    return nodeHash(root(leaves, from, from + k), root(leaves, from + k, to));
  }

  /** Tree head of all the leaf hashes. */
  public static byte[] root(List<byte[]> leaves) {
    return root(leaves, 0, leaves.size());
  }

  static int largestPowerOfTwoBelow(int n) {
    return Integer.highestOneBit(n - 1);
  }

  /** RFC 6962 PATH(m, D[n]): the audit path of leaf {@code index} in the tree of all leaves. */
  public static List<byte[]> inclusionProof(List<byte[]> leaves, int index) {
    if (index < 0 || index >= leaves.size()) {
      throw new IllegalArgumentException("leaf index out of range");
    }
    List<byte[]> proof = new ArrayList<>();
    path(leaves, index, 0, leaves.size(), proof);
    return proof;
  }

  private static void path(List<byte[]> d, int m, int from, int to, List<byte[]> out) {
    int n = to - from;
    if (n <= 1) {
      return;
    }
    int k = largestPowerOfTwoBelow(n);
    if (m < k) {
      path(d, m, from, from + k, out);
      out.add(root(d, from + k, to));
    } else {
      path(d, m - k, from + k, to, out);
      out.add(root(d, from, from + k));
    }
  }

  /** RFC 6962 PROOF(m, D[n]): proof that the tree of the first {@code m} leaves is a prefix. */
  public static List<byte[]> consistencyProof(List<byte[]> leaves, int m) {
    if (m <= 0 || m > leaves.size()) {
      throw new IllegalArgumentException("size out of range");
    }
    List<byte[]> proof = new ArrayList<>();
    subproof(leaves, m, 0, leaves.size(), true, proof);
    return proof;
  }

  private static void subproof(
      List<byte[]> d, int m, int from, int to, boolean complete, List<byte[]> out) {
    int n = to - from;
    if (m == n) {
      if (!complete) {
        out.add(root(d, from, to));
      }
      return;
    }
    int k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      subproof(d, m, from, from + k, complete, out);
      out.add(root(d, from + k, to));
    } else {
      subproof(d, m - k, from + k, to, false, out);
      out.add(root(d, from, from + k));
    }
  }

  /**
   * True when {@code proof} shows that {@code leafHash} is leaf {@code index} of the tree of {@code
   * size} leaves with head {@code root}.
   */
  public static boolean verifyInclusion(
      long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root) {
    if (index < 0 || index >= size || leafHash == null || root == null || proof == null) {
      return false;
    }
    if (leafHash.length != HASH_SIZE) {
      return false;
    }
    long fn = index;
    long sn = size - 1;
    byte[] r = leafHash;
    for (byte[] p : proof) {
      if (sn == 0 || p == null || p.length != HASH_SIZE) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = nodeHash(p, r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        r = nodeHash(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && MessageDigest.isEqual(r, root);
  }

  /**
   * True when {@code proof} shows that the tree of {@code size1} leaves with head {@code root1} is
   * a prefix of the tree of {@code size2} leaves with head {@code root2}. A proof from the empty
   * tree is refused as meaningless.
   */
  public static boolean verifyConsistency(
      long size1, long size2, List<byte[]> proof, byte[] root1, byte[] root2) {
    if (proof == null || root1 == null || root2 == null) {
      return false;
    }
    if (size1 <= 0 || size2 < size1) {
      return false;
    }
    if (size1 == size2) {
      return proof.isEmpty() && MessageDigest.isEqual(root1, root2);
    }
    if (proof.isEmpty()) {
      return false;
    }
    for (byte[] p : proof) {
      if (p == null || p.length != HASH_SIZE) {
        return false;
      }
    }
    List<byte[]> path = new ArrayList<>(proof);
    // If size1 is a power of two, the old root is itself the first node of the path.
    if (Long.bitCount(size1) == 1) {
      path.add(0, root1);
    }
    long fn = size1 - 1;
    long sn = size2 - 1;
    while ((fn & 1) == 1) {
      fn >>= 1;
      sn >>= 1;
    }
    byte[] fr = path.get(0);
    byte[] sr = path.get(0);
    for (int i = 1; i < path.size(); i++) {
      byte[] c = path.get(i);
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = nodeHash(c, fr);
        sr = nodeHash(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        sr = nodeHash(sr, c);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && MessageDigest.isEqual(fr, root1) && MessageDigest.isEqual(sr, root2);
  }

  /**
   * The compact right frontier of an append-only tree: O(log n) subtree roots, enough to append a
   * leaf in amortised O(1) hashes and to compute the current head in O(log n). Not thread-safe.
   */
  public static final class Frontier {
    // roots[i] is the root of a perfect subtree of 2^i leaves, present iff bit i of size is set.
    private final byte[][] roots = new byte[64][];
    private long size;

    /** Appends one leaf hash. */
    public void append(byte[] leafHash) {
      byte[] carry = leafHash;
      int level = 0;
      long s = size;
      while ((s & 1) == 1) {
        carry = nodeHash(roots[level], carry);
        roots[level] = null;
        s >>= 1;
        level++;
      }
      roots[level] = carry;
      size++;
    }

    /** Number of leaves appended. */
    public long size() {
      return size;
    }

    /**
     * A frontier of the same leaves that later appends to this one do not change: 64 references
     * copied, no hashing (the subtree roots are never modified in place, only replaced).
     */
    public Frontier copy() {
      Frontier c = new Frontier();
      System.arraycopy(roots, 0, c.roots, 0, roots.length);
      c.size = size;
      return c;
    }

    /** The RFC 6962 tree head of all leaves appended so far. */
    public byte[] root() {
      if (size == 0) {
        return emptyRoot();
      }
      byte[] acc = null;
      for (int level = 0; level < 64; level++) {
        if (roots[level] != null) {
          acc = acc == null ? roots[level] : nodeHash(roots[level], acc);
        }
      }
      return Arrays.copyOf(acc, acc.length);
    }
  }
}
