package fi.suoja.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.audit.AccessBasis;
import fi.suoja.audit.AuditAction;
import fi.suoja.audit.AuditActor;
import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.Events;
import fi.suoja.audit.Outcome;
import fi.suoja.audit.TestSupport;
import fi.suoja.audit.sink.ChainOptions;
import fi.suoja.audit.sink.JsonLinesFileSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * docs/AUDIT.md, "Tamper evidence and its limits": the audit trail detects any modification,
 * deletion, insertion, reordering or truncation. For any written chain and any single such
 * tampering, the verifier reports the first position where the stored sequence differs from the
 * original; untouched chains verify.
 */
class ChainTamperProperties {
  enum Kind {
    MODIFY,
    DELETE,
    INSERT_DUPLICATE,
    INSERT_FOREIGN,
    SWAP,
    TRUNCATE
  }

  record Tamper(Kind kind, int a, int b, int c) {}

  @Provide
  Arbitrary<Tamper> tampers() {
    return Combinators.combine(
            Arbitraries.of(Kind.class),
            Arbitraries.integers().between(0, 10_000),
            Arbitraries.integers().between(0, 10_000),
            Arbitraries.integers().between(0, 10_000))
        .as(Tamper::new);
  }

  @Provide
  Arbitrary<List<AuditEvent>> events() {
    Arbitrary<String> ids =
        Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(12);
    Arbitrary<AuditEvent> event =
        Combinators.combine(
                ids,
                Arbitraries.of(AuditAction.class),
                ids.injectNull(0.2),
                ids.list().ofMaxSize(4),
                Arbitraries.of(
                    AccessBasis.owner(), AccessBasis.orgAdmin(), AccessBasis.incident("g1")),
                Arbitraries.of(
                    Outcome.success(), Outcome.denied("NOT_OWNER"), Outcome.failure("IO")),
                Arbitraries.longs().between(0, 4_000_000_000L))
            .as(
                (user, action, subject, fields, basis, outcome, seconds) ->
                    AuditEvent.builder()
                        .time(Instant.ofEpochSecond(seconds, 123_000))
                        .actor(AuditActor.tenantUser("u-" + user, "t-1", Set.of("NURSE")))
                        .action(action)
                        .resource("Client", "c-" + user, "t-1")
                        .subject(subject == null ? null : "s-" + subject)
                        .fields(fields)
                        .basis(basis)
                        .outcome(outcome)
                        .application("app")
                        .node("n1")
                        .build());
    return event.list().ofMinSize(1).ofMaxSize(25);
  }

  private static List<byte[]> write(Path trail, Path checkpoints, String chain, int n, int offset)
      throws IOException {
    List<AuditEvent> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      events.add(Events.read(i + offset));
    }
    return write(trail, checkpoints, chain, events);
  }

  private static List<byte[]> write(
      Path trail, Path checkpoints, String chain, List<AuditEvent> events) throws IOException {
    try (JsonLinesFileSink s =
        JsonLinesFileSink.builder(trail)
            .chain(
                ChainOptions.builder()
                    .chainId(chain)
                    .chainKey(TestSupport.CHAIN_KEY)
                    .checkpoints(TestSupport.CHECKPOINT_KEYS.getPrivate())
                    .build())
            .checkpointDirectory(checkpoints)
            .durability(JsonLinesFileSink.Durability.BUFFERED)
            .build()) {
      for (AuditEvent e : events) {
        s.record(e);
      }
    }
    Path file = trail.resolve("audit-" + chain + "-0000000000000000.jsonl");
    List<byte[]> lines = new ArrayList<>();
    for (String l : Files.readAllLines(file)) {
      lines.add(l.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return lines;
  }

  private static List<Verification> verify(Path trail, Path checkpoints) {
    return AuditVerifier.builder()
        .chainKey(TestSupport.CHAIN_KEY)
        .checkpointKey(TestSupport.CHECKPOINT_KEYS.getPublic())
        .build()
        .verifyFiles(trail, checkpoints);
  }

  @Property(tries = 100)
  void untouchedChain_alwaysVerifies(@ForAll("events") List<AuditEvent> events) throws IOException {
    int n = events.size();
    Path dir = TestSupport.tempDir("untouched");
    try {
      write(dir.resolve("t"), dir.resolve("c"), "c1", events);
      assertThat(verify(dir.resolve("t"), dir.resolve("c")))
          .singleElement()
          .isInstanceOfSatisfying(
              Verification.Intact.class,
              ok -> {
                assertThat(ok.records()).isEqualTo(n);
                assertThat(ok.anchored()).isEqualTo(n);
              });
    } finally {
      TestSupport.delete(dir);
    }
  }

  @Property(tries = 200)
  void anySingleTampering_reportedAtFirstDifferingPosition(
      @ForAll("events") List<AuditEvent> events, @ForAll("tampers") Tamper t) throws IOException {
    int n = events.size();
    Path dir = TestSupport.tempDir("tamper");
    try {
      Path trail = dir.resolve("t");
      Path checkpoints = dir.resolve("c");
      List<byte[]> original = write(trail, checkpoints, "c1", events);
      // another node's chain in the same store, written with the same key
      List<byte[]> foreign = write(dir.resolve("other"), dir.resolve("oc"), "c2", n + 1, 1000);
      List<byte[]> tampered = new ArrayList<>(original);
      int k = t.a() % n;
      switch (t.kind()) {
        case MODIFY -> {
          byte[] line = original.get(k).clone();
          int pos = t.b() % line.length;
          byte replacement = (byte) (' ' + t.c() % 94);
          if (replacement == line[pos]) {
            replacement = (byte) (replacement == '~' ? '!' : replacement + 1);
          }
          line[pos] = replacement;
          tampered.set(k, line);
        }
        case DELETE -> tampered.remove(k);
        case INSERT_DUPLICATE -> tampered.add(t.b() % (n + 1), original.get(k));
        case INSERT_FOREIGN -> tampered.add(t.b() % (n + 1), foreign.get(t.c() % foreign.size()));
        case SWAP -> {
          if (n < 2) {
            tampered.remove(0); // nothing to swap: degrade to a deletion
          } else {
            int i = Math.min(k, n - 2);
            tampered.set(i, original.get(i + 1));
            tampered.set(i + 1, original.get(i));
          }
        }
        case TRUNCATE -> tampered = new ArrayList<>(original.subList(0, k));
      }
      int expected = firstDifference(original, tampered);
      assertThat(expected).as("the tampering changed something").isGreaterThanOrEqualTo(0);

      Path file = trail.resolve("audit-c1-0000000000000000.jsonl");
      StringBuilder sb = new StringBuilder();
      for (byte[] l : tampered) {
        sb.append(new String(l, java.nio.charset.StandardCharsets.UTF_8)).append('\n');
      }
      Files.writeString(file, sb.toString());

      Verification v = verify(trail, checkpoints).get(0);
      assertThat(v).isInstanceOf(Verification.Broken.class);
      Verification.Broken bad = (Verification.Broken) v;
      assertThat(bad.position()).as("%s -> %s", t, bad).isEqualTo(expected);
      assertThat(bad.problem()).isNotEqualTo(Verification.Problem.TORN_TAIL);
    } finally {
      TestSupport.delete(dir);
    }
  }

  private static int firstDifference(List<byte[]> original, List<byte[]> tampered) {
    int n = Math.min(original.size(), tampered.size());
    for (int i = 0; i < n; i++) {
      if (!Arrays.equals(original.get(i), tampered.get(i))) {
        return i;
      }
    }
    return original.size() == tampered.size() ? -1 : n;
  }
}
