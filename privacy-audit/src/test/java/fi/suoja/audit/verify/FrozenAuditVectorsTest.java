package fi.suoja.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.audit.internal.ChainCodec;
import fi.suoja.audit.internal.EventCodec;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The audit formats, frozen (src/test/resources/frozen/v1, written once by {@link
 * FrozenAuditVectorsGenerator} from the frozen trail, with its checkpoint test key): every later
 * build must encode each record of the trail byte for byte as it is stored, and compute the same
 * leaf hashes, keyed and unkeyed chain heads, Merkle roots, inclusion and consistency proofs and
 * checkpoint (signed bytes, JSON and Ed25519 signature). A failure means existing trails would no
 * longer verify, or proofs handed out would no longer check: a format change needs a new format
 * version (docs/AUDIT.md, "Compatibility").
 */
class FrozenAuditVectorsTest {

  private static Map<String, String> frozen() throws Exception {
    Properties p = new Properties();
    try (Reader in =
        Files.newBufferedReader(
            FrozenAuditVectors.resource("v1/vectors.properties"), StandardCharsets.UTF_8)) {
      p.load(in);
    }
    Map<String, String> m = new TreeMap<>();
    p.forEach((k, v) -> m.put((String) k, (String) v));
    return m;
  }

  @Test
  void compute_today_givesEveryFrozenValue() throws Exception {
    Map<String, String> frozen = frozen();
    // 12 records: leaf, 2 heads, root each; 12 inclusion, 11 consistency proofs; checkpoint
    assertThat(frozen).hasSize(12 * 4 + 12 + 11 + 2);
    Map<String, String> today = FrozenAuditVectors.compute();
    for (Map.Entry<String, String> e : frozen.entrySet()) {
      assertThat(today.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
    }
    assertThat(today.keySet()).isEqualTo(frozen.keySet());
  }

  @Test
  void encode_everyFrozenRecord_givesItsStoredBytes() throws Exception {
    Map<String, String> frozen = frozen();
    List<byte[]> lines = FrozenAuditVectors.trailLines();
    for (int i = 0; i < lines.size(); i++) {
      ChainCodec.Parsed p = ChainCodec.parse(lines.get(i));
      assertThat(p.seq()).isEqualTo(i);
      byte[] head = Base64.getDecoder().decode(frozen.get(String.format("head.keyed.%02d", i)));
      assertThat(p.hash()).as("record %d", i).isEqualTo(head);
      byte[] encoded =
          ChainCodec.line(i, FrozenAuditVectors.CHAIN, EventCodec.toBytes(p.event()), head);
      assertThat(encoded).as("record %d", i).isEqualTo(lines.get(i));
    }
  }

  @Test
  void verify_frozenProofsAndCheckpoint_checkWithTheFrozenKey() throws Exception {
    Map<String, String> frozen = frozen();
    Base64.Decoder b64 = Base64.getDecoder();
    byte[] root = b64.decode(frozen.get("root.12"));
    for (int i = 0; i < 12; i++) {
      byte[] leaf = b64.decode(frozen.get(String.format("leaf.%02d", i)));
      List<byte[]> proof = hashes(frozen.get(String.format("inclusion.%02d", i)));
      assertThat(MerkleProofs.verifyInclusion(i, 12, leaf, proof, root)).as("leaf %d", i).isTrue();
    }
    for (int m = 1; m < 12; m++) {
      byte[] old = b64.decode(frozen.get(String.format("root.%02d", m)));
      List<byte[]> proof = hashes(frozen.get(String.format("consistency.%02d", m)));
      assertThat(MerkleProofs.verifyConsistency(m, 12, proof, old, root)).as("size %d", m).isTrue();
    }
    Checkpoint checkpoint = Checkpoint.fromJson(frozen.get("checkpoint.json"));
    PublicKey key =
        VerifyCommand.readPublicKey(FrozenAuditVectors.resource("v1/checkpoint-public.pem"));
    assertThat(checkpoint.verify(key)).isTrue();
    assertThat(checkpoint.toJson()).isEqualTo(frozen.get("checkpoint.json"));
    assertThat(new String(checkpoint.signedBytes(), StandardCharsets.UTF_8))
        .isEqualTo(frozen.get("checkpoint.signed"));
  }

  private static List<byte[]> hashes(String joined) {
    List<byte[]> out = new ArrayList<>();
    Pattern.compile(",")
        .splitAsStream(joined)
        .filter(hash -> !hash.isEmpty())
        .map(Base64.getDecoder()::decode)
        .forEach(out::add);
    return out;
  }
}
