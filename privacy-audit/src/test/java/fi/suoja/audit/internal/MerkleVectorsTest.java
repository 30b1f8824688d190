package fi.suoja.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every transparency-dev/merkle RFC 6962 inclusion and consistency vector (positive and negative),
 * each checked against its expected verdict, plus generated proofs that verify.
 */
class MerkleVectorsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static List<String> index() throws IOException {
    try (InputStream in =
        MerkleVectorsTest.class.getResourceAsStream("/merkle_rfc6962/index.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  private static JsonNode load(String path) throws IOException {
    try (InputStream in = MerkleVectorsTest.class.getResourceAsStream("/merkle_rfc6962/" + path)) {
      return MAPPER.readTree(in);
    }
  }

  private static byte[] b64(JsonNode n) {
    return n == null || n.isNull() ? null : Base64.getDecoder().decode(n.asText());
  }

  private static List<byte[]> proof(JsonNode n) {
    List<byte[]> out = new ArrayList<>();
    if (n != null && !n.isNull()) {
      n.forEach(p -> out.add(Base64.getDecoder().decode(p.asText())));
    }
    return out;
  }

  @Test
  void index_containsAllVectors() throws IOException {
    List<String> all = index();
    assertThat(all).hasSize(196);
    assertThat(all.stream().filter(p -> p.contains("/inclusion/"))).isNotEmpty();
    assertThat(all.stream().filter(p -> p.contains("/consistency/"))).isNotEmpty();
  }

  @TestFactory
  Stream<DynamicTest> verify_everyVector_matchesExpectedVerdict() throws IOException {
    return index().stream()
        .map(
            path ->
                DynamicTest.dynamicTest(
                    path,
                    () -> {
                      JsonNode v = load(path);
                      boolean wantErr = v.get("wantErr").asBoolean();
                      boolean ok;
                      if (path.contains("/inclusion/")) {
                        ok =
                            Merkle.verifyInclusion(
                                v.get("leafIdx").asLong(),
                                v.get("treeSize").asLong(),
                                b64(v.get("leafHash")),
                                proof(v.get("proof")),
                                b64(v.get("root")));
                      } else {
                        ok =
                            Merkle.verifyConsistency(
                                v.get("size1").asLong(),
                                v.get("size2").asLong(),
                                proof(v.get("proof")),
                                b64(v.get("root1")),
                                b64(v.get("root2")));
                      }
                      assertThat(ok).as(v.get("desc").asText()).isEqualTo(!wantErr);
                    }));
  }

  @Test
  void generatedProofs_forAllSizesUpTo40_verifyAndMatchFrontier() {
    List<byte[]> leaves = new ArrayList<>();
    Merkle.Frontier frontier = new Merkle.Frontier();
    for (int n = 1; n <= 40; n++) {
      byte[] leaf = Merkle.leafHash(("leaf " + n).getBytes(StandardCharsets.UTF_8));
      leaves.add(leaf);
      frontier.append(leaf);
      byte[] root = Merkle.root(leaves);
      assertThat(frontier.root()).isEqualTo(root);
      for (int i = 0; i < n; i++) {
        List<byte[]> p = Merkle.inclusionProof(leaves, i);
        assertThat(Merkle.verifyInclusion(i, n, leaves.get(i), p, root)).isTrue();
        assertThat(Merkle.verifyInclusion(i, n, leaves.get((i + 1) % n), p, root))
            .isEqualTo(n == 1);
      }
      for (int m = 1; m <= n; m++) {
        List<byte[]> p = Merkle.consistencyProof(leaves, m);
        byte[] old = Merkle.root(leaves.subList(0, m));
        assertThat(Merkle.verifyConsistency(m, n, p, old, root)).isTrue();
        if (m < n) {
          assertThat(Merkle.verifyConsistency(m, n, p, root, root)).isFalse();
        }
      }
    }
  }

  @Test
  void emptyRoot_isSha256OfEmptyString() {
    assertThat(Base64.getEncoder().encodeToString(Merkle.emptyRoot()))
        .isEqualTo("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    assertThat(new Merkle.Frontier().root()).isEqualTo(Merkle.emptyRoot());
  }
}
