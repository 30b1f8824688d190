package fi.suoja.audit.verify;

import fi.suoja.audit.AuditException;
import fi.suoja.audit.ChainKey;
import fi.suoja.audit.internal.ChainCodec;
import fi.suoja.audit.internal.Merkle;
import fi.suoja.audit.internal.RawRecord;
import fi.suoja.audit.internal.RecordSource;
import fi.suoja.audit.verify.Verification.Broken;
import fi.suoja.audit.verify.Verification.Problem;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/** Verifies one chain's records against its chain hashes and signed checkpoints. */
final class ChainCheck {
  private ChainCheck() {}

  static Verification run(
      String chainId,
      RecordSource records,
      List<Checkpoint> checkpoints,
      ChainKey key,
      PublicKey publicKey,
      boolean requireCheckpoint) {
    List<Checkpoint> anchors = new ArrayList<>();
    if (publicKey != null) {
      for (Checkpoint c : checkpoints) {
        if (!c.chainId().equals(chainId) || !c.verify(publicKey)) {
          return new Broken(
              chainId,
              c.size(),
              Problem.BAD_CHECKPOINT,
              "checkpoint of size " + c.size(),
              "checkpoint signature does not verify: wrong public key, or the checkpoint was"
                  + " forged or belongs to another chain");
        }
        anchors.add(c);
      }
      anchors.sort(Comparator.comparingLong(Checkpoint::size));
    }
    ChainCodec.Hasher hasher = new ChainCodec.Hasher(key);
    Merkle.Frontier frontier = new Merkle.Frontier();
    byte[] head = ChainCodec.Hasher.initial();
    long position = 0;
    int anchorIndex = 0;
    long anchored = 0;
    String lastLocation = "start of chain";
    try (records) {
      while (records.hasNext()) {
        RawRecord raw = records.next();
        lastLocation = raw.location();
        if (!raw.complete()) {
          boolean last = !records.hasNext();
          return new Broken(
              chainId,
              position,
              last ? Problem.TORN_TAIL : Problem.MALFORMED,
              raw.location(),
              last
                  ? "last line is incomplete (the writer stopped mid-write); the "
                      + position
                      + " records before it verify"
                  : "an incomplete line inside the trail");
        }
        ChainCodec.Parsed p;
        try {
          p = ChainCodec.parse(raw.line());
        } catch (AuditException e) {
          return new Broken(chainId, position, Problem.MALFORMED, raw.location(), e.getMessage());
        }
        if (raw.columnProblem() != null) {
          return new Broken(
              chainId, position, Problem.MALFORMED, raw.location(), raw.columnProblem());
        }
        if (!p.chainId().equals(chainId)) {
          return new Broken(
              chainId,
              position,
              Problem.WRONG_CHAIN,
              raw.location(),
              "record belongs to another chain");
        }
        if (p.seq() > position) {
          return new Broken(
              chainId,
              position,
              Problem.MISSING_RECORD,
              raw.location(),
              "expected sequence number "
                  + position
                  + " but found "
                  + p.seq()
                  + ": record(s) deleted");
        }
        if (p.seq() < position) {
          return new Broken(
              chainId,
              position,
              Problem.UNEXPECTED_RECORD,
              raw.location(),
              "expected sequence number "
                  + position
                  + " but found "
                  + p.seq()
                  + ": record inserted, duplicated or reordered");
        }
        byte[] leaf = ChainCodec.leafHash(chainId, p.eventJson());
        head = hasher.next(head, leaf);
        if (!MessageDigest.isEqual(head, p.hash())) {
          return new Broken(
              chainId,
              position,
              Problem.HASH_MISMATCH,
              raw.location(),
              position == 0
                  ? "chain hash of the first record does not match: wrong chain key (or none"
                      + " given for a keyed chain), or the record was modified"
                  : "chain hash does not match: this record was modified or replaced");
        }
        frontier.append(leaf);
        position++;
        while (anchorIndex < anchors.size() && anchors.get(anchorIndex).size() == position) {
          Checkpoint c = anchors.get(anchorIndex++);
          if (!MessageDigest.isEqual(frontier.root(), c.root())
              || !c.headHash().equals(Base64.getEncoder().encodeToString(head))) {
            return new Broken(
                chainId,
                c.size() - 1,
                Problem.ROOT_MISMATCH,
                raw.location(),
                "records up to here do not hash to the signed checkpoint of size " + c.size());
          }
          anchored = position;
        }
      }
    } catch (UncheckedIOException e) {
      throw new AuditException(
          "SUOJA-4010", "cannot read audit chain " + chainId + " near " + lastLocation, e);
    }
    if (anchorIndex < anchors.size()) {
      Checkpoint c = anchors.get(anchors.size() - 1);
      return new Broken(
          chainId,
          position,
          Problem.TRUNCATED,
          lastLocation,
          "the trail ends after "
              + position
              + " records but a signed checkpoint covers "
              + c.size());
    }
    if (requireCheckpoint && anchors.isEmpty() && position > 0) {
      return new Broken(
          chainId,
          0,
          Problem.NO_CHECKPOINT,
          "checkpoints",
          "no signed checkpoint found for this chain; its tail could have been truncated");
    }
    return new Verification.Intact(
        chainId, position, anchored, Base64.getEncoder().encodeToString(frontier.root()));
  }
}
