package fi.suoja.audit.verify;

/**
 * The result of verifying one chain: {@link Intact}, or {@link Broken} naming the first bad
 * position and why. Callers must handle both; there is no boolean shortcut that hides the reason.
 */
public sealed interface Verification permits Verification.Intact, Verification.Broken {

  /** The chain verified. */
  String chainId();

  /**
   * Every record verified.
   *
   * @param chainId the chain
   * @param records number of records
   * @param anchored how many of them are covered by a valid signed checkpoint (records after the
   *     last checkpoint could still be truncated undetected)
   * @param rootHash base64 RFC 6962 tree head of all records
   */
  record Intact(String chainId, long records, long anchored, String rootHash)
      implements Verification {}

  /**
   * The chain is not intact.
   *
   * @param chainId the chain
   * @param position 0-based index of the first bad record in the chain (for {@link
   *     Problem#TRUNCATED}: the number of records present; for checkpoint problems: the
   *     checkpoint's size)
   * @param problem what is wrong
   * @param location where: file and line, or table, chain and sequence number
   * @param detail a human explanation, free of record contents
   */
  record Broken(String chainId, long position, Problem problem, String location, String detail)
      implements Verification {}

  /** What is wrong with a chain. */
  enum Problem {
    /** A record is not a chain record, or its bytes are not the canonical form (edited). */
    MALFORMED,
    /** The last line is incomplete: the writer crashed mid-write; everything before verified. */
    TORN_TAIL,
    /** A sequence number is missing here: a record was deleted. */
    MISSING_RECORD,
    /** A record appears out of order or twice: inserted, duplicated or reordered. */
    UNEXPECTED_RECORD,
    /** A record belongs to another chain. */
    WRONG_CHAIN,
    /** The chain hash does not match: the record was modified (or the chain key is wrong). */
    HASH_MISMATCH,
    /** Fewer records than a signed checkpoint covers: the tail was truncated. */
    TRUNCATED,
    /** A checkpoint's signature is invalid (forged, or the wrong public key). */
    BAD_CHECKPOINT,
    /** The records do not hash to a signed checkpoint's tree head: rewritten history. */
    ROOT_MISMATCH,
    /** Checkpoints were required but this chain has none. */
    NO_CHECKPOINT
  }
}
