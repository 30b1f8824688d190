package fi.suoja.audit.verify;

import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.internal.ChainCodec;
import fi.suoja.audit.internal.EventCodec;
import fi.suoja.audit.internal.Merkle;
import java.util.List;

/**
 * RFC 6962 Merkle proofs over an audit chain, for auditors who hold only signed checkpoints: an
 * inclusion proof shows that an event is leaf {@code n} of a signed tree head; a consistency proof
 * shows that a later tree head extends an earlier one (the log only grew). Leaves are the records
 * of one chain in sequence order.
 */
public final class MerkleProofs {
  private MerkleProofs() {}

  /** The RFC 6962 leaf hash of {@code event} as recorded in chain {@code chainId}. */
  public static byte[] leafHash(String chainId, AuditEvent event) {
    return ChainCodec.leafHash(chainId, EventCodec.toBytes(event));
  }

  /** The tree head of the given leaf hashes. */
  public static byte[] root(List<byte[]> leafHashes) {
    return Merkle.root(leafHashes);
  }

  /** The audit path of leaf {@code index} in the tree of all {@code leafHashes}. */
  public static List<byte[]> inclusionProof(List<byte[]> leafHashes, int index) {
    return Merkle.inclusionProof(leafHashes, index);
  }

  /** Proof that the tree of the first {@code size1} leaves is a prefix of the tree of all. */
  public static List<byte[]> consistencyProof(List<byte[]> leafHashes, int size1) {
    return Merkle.consistencyProof(leafHashes, size1);
  }

  /** True when {@code proof} proves {@code leafHash} is leaf {@code index} of {@code root}. */
  public static boolean verifyInclusion(
      long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root) {
    return Merkle.verifyInclusion(index, size, leafHash, proof, root);
  }

  /**
   * True when {@code proof} proves the tree {@code (size1, root1)} is a prefix of {@code (size2,
   * root2)}.
   */
  public static boolean verifyConsistency(
      long size1, long size2, List<byte[]> proof, byte[] root1, byte[] root2) {
    return Merkle.verifyConsistency(size1, size2, proof, root1, root2);
  }
}
