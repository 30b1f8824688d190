package fi.suoja.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.TestSupport;
import fi.suoja.audit.internal.ChainCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A chain, its checkpoints and the checkpoint public key written by version 0.1.0 (in
 * src/test/resources/frozen): every later version must still verify it, and prove inclusion and
 * consistency against its signed checkpoints.
 */
class FrozenChainTest {
  private static Path resource(String name) throws Exception {
    return Path.of(FrozenChainTest.class.getResource("/frozen/" + name).toURI());
  }

  @Test
  void frozenChain_v1_verifiesWithItsKeys() throws Exception {
    List<Verification> results =
        AuditVerifier.builder()
            .chainKey(TestSupport.CHAIN_KEY)
            .checkpointKey(VerifyCommand.readPublicKey(resource("checkpoint-public.pem")))
            .build()
            .verifyFiles(resource("trail"), resource("checkpoints"));
    assertThat(results)
        .singleElement()
        .isInstanceOfSatisfying(
            Verification.Intact.class,
            ok -> {
              assertThat(ok.chainId()).isEqualTo("frozen-v1");
              assertThat(ok.records()).isEqualTo(12);
              assertThat(ok.anchored()).isEqualTo(12);
            });
  }

  @Test
  void frozenChain_v1_inclusionAndConsistencyProofsAgainstSignedCheckpoints() throws Exception {
    List<byte[]> leaves = new ArrayList<>();
    List<AuditEvent> events = new ArrayList<>();
    for (String line :
        Files.readAllLines(resource("trail/audit-frozen-v1-0000000000000000.jsonl"))) {
      AuditEvent e = ChainCodec.parse(line.getBytes(StandardCharsets.UTF_8)).event();
      events.add(e);
      leaves.add(MerkleProofs.leafHash("frozen-v1", e));
    }
    List<Checkpoint> checkpoints = new ArrayList<>();
    for (String line : Files.readAllLines(resource("checkpoints/frozen-v1.checkpoints.jsonl"))) {
      checkpoints.add(Checkpoint.fromJson(line));
    }
    assertThat(checkpoints).extracting(Checkpoint::size).containsExactly(5L, 10L, 12L);
    Checkpoint last = checkpoints.get(2);
    assertThat(MerkleProofs.root(leaves)).isEqualTo(last.root());
    for (int i = 0; i < leaves.size(); i++) {
      List<byte[]> proof = MerkleProofs.inclusionProof(leaves, i);
      assertThat(
              MerkleProofs.verifyInclusion(
                  i, 12, MerkleProofs.leafHash("frozen-v1", events.get(i)), proof, last.root()))
          .isTrue();
    }
    Checkpoint first = checkpoints.get(0);
    List<byte[]> consistency = MerkleProofs.consistencyProof(leaves, 5);
    assertThat(MerkleProofs.verifyConsistency(5, 12, consistency, first.root(), last.root()))
        .isTrue();
    assertThat(
            MerkleProofs.verifyConsistency(
                5, 12, consistency, checkpoints.get(1).root(), last.root()))
        .isFalse();
  }
}
