package fi.suoja.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.audit.AuditException;
import fi.suoja.audit.ChainKey;
import fi.suoja.audit.Events;
import fi.suoja.audit.TestSupport;
import fi.suoja.audit.internal.ChainCodec;
import fi.suoja.audit.internal.EventCodec;
import fi.suoja.audit.sink.ChainOptions;
import fi.suoja.audit.sink.JsonLinesFileSink;
import fi.suoja.audit.verify.Verification.Broken;
import fi.suoja.audit.verify.Verification.Problem;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AuditVerifierTest {
  private final Path dir = TestSupport.tempDir("verifier");
  private final Path trail = dir.resolve("trail");
  private final Path checkpoints = dir.resolve("checkpoints");
  private final Path file = trail.resolve("audit-n1-0000000000000000.jsonl");

  @AfterEach
  void cleanUp() {
    TestSupport.delete(dir);
  }

  private void write(ChainKey key, int n) {
    try (JsonLinesFileSink s =
        JsonLinesFileSink.builder(trail)
            .chain(
                ChainOptions.builder()
                    .chainId("n1")
                    .chainKey(key)
                    .checkpoints(TestSupport.CHECKPOINT_KEYS.getPrivate())
                    .build())
            .checkpointDirectory(checkpoints)
            .durability(JsonLinesFileSink.Durability.BUFFERED)
            .build()) {
      for (int i = 0; i < n; i++) {
        s.record(Events.read(i));
      }
    }
  }

  private static AuditVerifier verifier(ChainKey key) {
    return AuditVerifier.builder()
        .chainKey(key)
        .checkpointKey(TestSupport.CHECKPOINT_KEYS.getPublic())
        .build();
  }

  private Broken broken(AuditVerifier v) {
    List<Verification> results = v.verifyFiles(trail, checkpoints);
    assertThat(results).singleElement().isInstanceOf(Broken.class);
    return (Broken) results.get(0);
  }

  @Test
  void verifyChain_sameVerdictsAsVerifyFiles_forRecordsReadElsewhere() throws Exception {
    write(TestSupport.CHAIN_KEY, 30);
    AuditVerifier v = verifier(TestSupport.CHAIN_KEY);
    List<String> cps =
        java.nio.file.Files.readAllLines(checkpoints.resolve("n1.checkpoints.jsonl"));
    List<String> lines = java.nio.file.Files.readAllLines(file);
    java.util.function.Function<List<String>, Verification> viaChain =
        ls -> {
          List<StoredRecord> records = new java.util.ArrayList<>();
          for (int i = 0; i < ls.size(); i++) {
            records.add(
                StoredRecord.of(
                    "stream@" + i, ls.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
          }
          return v.verifyChain("n1", records.iterator(), cps);
        };
    assertThat(viaChain.apply(lines)).isEqualTo(v.verifyFiles(trail, checkpoints).get(0));

    List<String> dropped = new java.util.ArrayList<>(lines);
    dropped.remove(7);
    assertThat(viaChain.apply(dropped))
        .isEqualTo(
            new Broken(
                "n1",
                7,
                Problem.MISSING_RECORD,
                "stream@7",
                "expected sequence number 7 but found 8: record(s) deleted"));
    assertThat(viaChain.apply(lines.subList(0, 20)))
        .isInstanceOfSatisfying(
            Broken.class, b -> assertThat(b.problem()).isEqualTo(Problem.TRUNCATED));
    // a record of this chain verified as another chain's
    assertThat(v.verifyChain("n2", viaChainRecords(lines).iterator(), List.of()))
        .isInstanceOfSatisfying(
            Broken.class, b -> assertThat(b.problem()).isEqualTo(Problem.WRONG_CHAIN));
    assertThat(StoredRecord.of("x@1", new byte[] {1, 2}).toString())
        .isEqualTo("StoredRecord[x@1, 2 bytes]");
  }

  private static List<StoredRecord> viaChainRecords(List<String> lines) {
    List<StoredRecord> records = new java.util.ArrayList<>();
    for (String l : lines) {
      records.add(StoredRecord.of("s", l.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
    return records;
  }

  @Test
  void verify_wrongChainKey_hashMismatchAtFirstRecordNamingTheKey() {
    write(TestSupport.CHAIN_KEY, 5);
    Broken b = broken(verifier(ChainKey.generate()));
    assertThat(b.problem()).isEqualTo(Problem.HASH_MISMATCH);
    assertThat(b.position()).isZero();
    assertThat(b.detail()).contains("wrong chain key");
  }

  @Test
  void verify_keyedChainWithoutKey_hashMismatch() {
    write(TestSupport.CHAIN_KEY, 3);
    assertThat(broken(verifier(null)).problem()).isEqualTo(Problem.HASH_MISMATCH);
  }

  @Test
  void verify_wrongPublicKey_badCheckpoint() {
    write(TestSupport.CHAIN_KEY, 3);
    Broken b =
        broken(
            AuditVerifier.builder()
                .chainKey(TestSupport.CHAIN_KEY)
                .checkpointKey(TestSupport.OTHER_KEYS.getPublic())
                .build());
    assertThat(b.problem()).isEqualTo(Problem.BAD_CHECKPOINT);
    assertThat(b.detail()).contains("wrong public key");
  }

  @Test
  void verify_forgedCheckpointSize_badCheckpoint() throws Exception {
    write(TestSupport.CHAIN_KEY, 3);
    Path cp = checkpoints.resolve("n1.checkpoints.jsonl");
    Files.writeString(cp, Files.readString(cp).replace("\"size\":3", "\"size\":2"));
    assertThat(broken(verifier(TestSupport.CHAIN_KEY)).problem()).isEqualTo(Problem.BAD_CHECKPOINT);
  }

  @Test
  void verify_deletedCheckpoints_reportedWhenRequired() throws Exception {
    write(TestSupport.CHAIN_KEY, 3);
    Files.delete(checkpoints.resolve("n1.checkpoints.jsonl"));
    assertThat(broken(verifier(TestSupport.CHAIN_KEY)).problem()).isEqualTo(Problem.NO_CHECKPOINT);
    assertThat(
            AuditVerifier.builder()
                .chainKey(TestSupport.CHAIN_KEY)
                .checkpointKey(TestSupport.CHECKPOINT_KEYS.getPublic())
                .requireCheckpoints(false)
                .build()
                .verifyFiles(trail, checkpoints))
        .singleElement()
        .isInstanceOfSatisfying(
            Verification.Intact.class, ok -> assertThat(ok.anchored()).isZero());
  }

  @Test
  void verify_unkeyedChainRewrittenWithRecomputedHashes_caughtByCheckpointRoot() throws Exception {
    write(null, 6);
    // The attacker edits record 2 and recomputes every later SHA-256 chain hash: no key needed.
    List<String> lines = Files.readAllLines(file);
    List<String> forged = new ArrayList<>();
    ChainCodec.Hasher hasher = new ChainCodec.Hasher(null);
    byte[] head = ChainCodec.Hasher.initial();
    for (int i = 0; i < lines.size(); i++) {
      ChainCodec.Parsed p = ChainCodec.parse(lines.get(i).getBytes(StandardCharsets.UTF_8));
      byte[] json = p.eventJson();
      if (i == 2) {
        json = EventCodec.toBytes(p.event().toBuilder().purpose("NOTHING_TO_SEE").build());
      }
      head = hasher.next(head, ChainCodec.leafHash("n1", json));
      forged.add(new String(ChainCodec.line(i, "n1", json, head), StandardCharsets.UTF_8));
    }
    Files.write(file, forged);
    // without checkpoints the forgery passes: that is the documented limit of an unkeyed chain
    assertThat(AuditVerifier.builder().build().verifyFiles(trail, null))
        .singleElement()
        .isInstanceOf(Verification.Intact.class);
    Broken b = broken(verifier(null));
    assertThat(b.problem()).isEqualTo(Problem.ROOT_MISMATCH);
  }

  @Test
  void verify_foreignJsonFile_malformedAtFirstRecord() throws Exception {
    Files.createDirectories(trail);
    Files.writeString(file, "{\"name\":\"Matti Meikäläinen\",\"hetu\":\"131052-308T\"}\n");
    Broken b = broken(AuditVerifier.builder().build());
    assertThat(b.problem()).isEqualTo(Problem.MALFORMED);
    assertThat(b.position()).isZero();
    assertThat(b.toString()).doesNotContain("Matti", "131052");
  }

  @Test
  void verify_missingPath_clearError() {
    assertThatThrownBy(() -> AuditVerifier.builder().build().verifyFiles(dir.resolve("nope"), null))
        .isInstanceOf(AuditException.class)
        .hasMessageStartingWith("SUOJA-4010")
        .hasMessageContaining("cannot read audit trail");
  }

  @Test
  void verify_unreadableFile_clearError() throws Exception {
    write(null, 2);
    Files.delete(file);
    Files.createDirectory(file); // a directory where a chain file should be: reading fails
    assertThatThrownBy(() -> AuditVerifier.builder().build().verifyFiles(trail, null))
        .isInstanceOf(AuditException.class)
        .hasMessageStartingWith("SUOJA-4010");
  }

  @Test
  void verify_tornLastLine_reportedAsTornTailNotTampering() throws Exception {
    write(TestSupport.CHAIN_KEY, 4);
    byte[] extra = ChainCodec.line(4, "n1", EventCodec.toBytes(Events.read(4)), new byte[32]);
    Files.write(
        file,
        java.util.Arrays.copyOf(extra, extra.length / 2),
        java.nio.file.StandardOpenOption.APPEND);
    Broken b = broken(verifier(TestSupport.CHAIN_KEY));
    assertThat(b.problem()).isEqualTo(Problem.TORN_TAIL);
    assertThat(b.position()).isEqualTo(4);
    assertThat(b.detail()).contains("4 records before it verify");
  }

  @Test
  void command_intactTrail_exitZeroAndPrintsOk() throws Exception {
    write(TestSupport.CHAIN_KEY, 3);
    Path pub = dir.resolve("pub.pem");
    Files.writeString(
        pub,
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder()
                .encodeToString(TestSupport.CHECKPOINT_KEYS.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n");
    Path key = dir.resolve("chain.key");
    Files.writeString(
        key,
        Base64.getEncoder()
            .encodeToString(
                new byte[] {
                  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                  17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32
                }));
    String[] args = {
      trail.toString(),
      "--checkpoints",
      checkpoints.toString(),
      "--public-key",
      pub.toString(),
      "--chain-key",
      key.toString()
    };
    Run r = run(args);
    assertThat(r.status).isZero();
    assertThat(r.out).startsWith("OK      chain n1: 3 records, 3 anchored");

    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.remove(1);
    Files.write(file, lines);
    r = run(args);
    assertThat(r.status).isEqualTo(1);
    assertThat(r.out)
        .contains(
            "BROKEN  chain n1: MISSING_RECORD at record 1 (audit-n1-0000000000000000.jsonl:2)");
  }

  @Test
  void command_badArguments_exitTwo() throws Exception {
    assertThat(run(new String[0]).status).isEqualTo(2);
    assertThat(run(new String[] {dir.resolve("nope").toString()}).err).contains("SUOJA-4010");
    Path notKey = dir.resolve("bad.pem");
    Files.writeString(notKey, "hello");
    Run r = run(new String[] {dir.toString(), "--public-key", notKey.toString()});
    assertThat(r.status).isEqualTo(2);
    assertThat(r.err).contains("SUOJA-4021", "does not hold an Ed25519 public key");
  }

  record Run(int status, String out, String err) {}

  private static Run run(String[] args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        VerifyCommand.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
