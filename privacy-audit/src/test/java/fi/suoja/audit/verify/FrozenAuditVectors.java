package fi.suoja.audit.verify;

import fi.suoja.audit.TestSupport;
import fi.suoja.audit.internal.ChainCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the frozen audit vectors (src/test/resources/frozen/v1) hold, computed from the frozen
 * 12-record trail (src/test/resources/frozen/trail) with the code of the day: leaf hashes, keyed
 * and unkeyed chain heads, Merkle roots of every size, every inclusion and consistency proof, and
 * an Ed25519 checkpoint (deterministic signatures, RFC 8032) under the committed test key. The
 * generator wrote these values once; the test recomputes them in every build.
 */
final class FrozenAuditVectors {
  static final String CHAIN = "frozen-v1";
  static final Instant TIME = Instant.parse("2026-11-24T12:00:00Z");

  private FrozenAuditVectors() {}

  static Path resource(String name) throws Exception {
    return Path.of(FrozenAuditVectors.class.getResource("/frozen/" + name).toURI());
  }

  static List<byte[]> trailLines() throws Exception {
    List<byte[]> lines = new ArrayList<>();
    Path trail = resource("trail/audit-frozen-v1-0000000000000000.jsonl");
    for (String line : Files.readAllLines(trail)) {
      lines.add(line.getBytes(StandardCharsets.UTF_8));
    }
    return lines;
  }

  static PrivateKey checkpointPrivateKey() throws Exception {
    String pem = Files.readString(resource("v1/checkpoint-private.pem"), StandardCharsets.US_ASCII);
    String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance("Ed25519")
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
  }

  /** Every value, by name, as the current code computes it from the frozen trail. */
  static Map<String, String> compute() throws Exception {
    Base64.Encoder b64 = Base64.getEncoder();
    Map<String, String> v = new TreeMap<>();
    List<byte[]> leaves = new ArrayList<>();
    byte[] keyed = ChainCodec.Hasher.initial();
    byte[] unkeyed = ChainCodec.Hasher.initial();
    ChainCodec.Hasher keyedHasher = new ChainCodec.Hasher(TestSupport.CHAIN_KEY);
    ChainCodec.Hasher unkeyedHasher = new ChainCodec.Hasher(null);
    for (byte[] line : trailLines()) {
      ChainCodec.Parsed p = ChainCodec.parse(line);
      byte[] leaf = ChainCodec.leafHash(CHAIN, p.eventJson());
      leaves.add(leaf);
      keyed = keyedHasher.next(keyed, leaf);
      unkeyed = unkeyedHasher.next(unkeyed, leaf);
      String n = String.format("%02d", p.seq());
      v.put("leaf." + n, b64.encodeToString(leaf));
      v.put("head.keyed." + n, b64.encodeToString(keyed));
      v.put("head.unkeyed." + n, b64.encodeToString(unkeyed));
    }
    int size = leaves.size();
    for (int n = 1; n <= size; n++) {
      byte[] root = MerkleProofs.root(leaves.subList(0, n));
      v.put(String.format("root.%02d", n), b64.encodeToString(root));
    }
    for (int i = 0; i < size; i++) {
      v.put(String.format("inclusion.%02d", i), join(MerkleProofs.inclusionProof(leaves, i)));
    }
    for (int m = 1; m < size; m++) {
      v.put(String.format("consistency.%02d", m), join(MerkleProofs.consistencyProof(leaves, m)));
    }
    Checkpoint c =
        Checkpoint.sign(
            CHAIN, size, MerkleProofs.root(leaves), keyed, TIME, checkpointPrivateKey());
    v.put("checkpoint.signed", new String(c.signedBytes(), StandardCharsets.UTF_8));
    v.put("checkpoint.json", c.toJson());
    return v;
  }

  private static String join(List<byte[]> hashes) {
    Base64.Encoder b64 = Base64.getEncoder();
    return hashes.stream().map(b64::encodeToString).collect(Collectors.joining(","));
  }
}
