package fi.suoja.audit.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import fi.suoja.audit.AuditException;
import fi.suoja.audit.TestDatabase;
import fi.suoja.audit.TestSupport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The chain options both chained sinks take: validated once, alike for both. */
class ChainOptionsTest {
  static final String OPTIONS = "invalid audit chain options (ChainOptions.builder()): ";

  @TempDir Path dir;

  /** Builds the file sink with the options and closes it. */
  private Runnable fileSink(ChainOptions.Builder chain) {
    return () ->
        JsonLinesFileSink.builder(dir.resolve("trail"))
            .chain(chain.build())
            .checkpointDirectory(dir.resolve("checkpoints"))
            .build()
            .close();
  }

  /** Builds the JDBC sink with the options and closes it (neither touches the database). */
  private static Runnable jdbcSink(ChainOptions.Builder chain) {
    return () ->
        JdbcAuditSink.builder(TestDatabase.H2.dataSource()).chain(chain.build()).build().close();
  }

  static Stream<Arguments> badOptions() {
    return Stream.of(
        bad(
            "no chain id",
            b -> b.chainId(null),
            "SUOJA-4020",
            OPTIONS
                + "chainId is required (one chain per"
                + " writer, e.g. node name + start time)"),
        bad(
            "a space in the chain id",
            b -> b.chainId("node 1"),
            "SUOJA-4020",
            OPTIONS + "chainId may only contain letters," + " digits, '_', '.' and '-'"),
        // accepted by the JDBC sink before the options were shared
        bad(
            "a colon in the chain id",
            b -> b.chainId("node:1"),
            "SUOJA-4020",
            OPTIONS + "chainId may only contain letters," + " digits, '_', '.' and '-'"),
        bad(
            "a chain id longer than the JDBC column",
            b -> b.chainId("n".repeat(129)),
            "SUOJA-4020",
            OPTIONS + "chainId is longer than 128 characters"),
        bad(
            "a HETU as chain id",
            b -> b.chainId("131052-308T"),
            "SUOJA-4002",
            "chainId looks like a personal identity code (HETU); audit events"
                + " carry internal identifiers only"),
        bad(
            "no checkpoint decision",
            b -> ChainOptions.builder().chainId("n1"),
            "SUOJA-4020",
            OPTIONS + "call checkpoints(signingKey) or withoutCheckpoints()"),
        bad(
            "checkpointEvery 0",
            b -> b.checkpointEvery(0, Duration.ofMinutes(1)),
            "SUOJA-4020",
            OPTIONS + "checkpointEvery must be at least 1"));
  }

  private static Arguments bad(
      String name, UnaryOperator<ChainOptions.Builder> change, String code, String message) {
    return Arguments.of(name, change, code, message);
  }

  private static ChainOptions.Builder valid() {
    return ChainOptions.builder()
        .chainId("n1")
        .chainKey(TestSupport.CHAIN_KEY)
        .checkpoints(TestSupport.CHECKPOINT_KEYS.getPrivate());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badOptions")
  void build_badOptions_bothSinksRefuseWithTheSameCodeAndMessage(
      String name, UnaryOperator<ChainOptions.Builder> change, String code, String message) {
    AuditException file =
        catchThrowableOfType(AuditException.class, fileSink(change.apply(valid()))::run);
    AuditException jdbc =
        catchThrowableOfType(AuditException.class, jdbcSink(change.apply(valid()))::run);
    assertThat(file).as("file sink").isNotNull();
    assertThat(jdbc).as("JDBC sink").isNotNull();
    assertThat(file.code()).isEqualTo(code);
    assertThat(file).hasMessage(code + ": " + message);
    assertThat(jdbc.code()).isEqualTo(file.code());
    assertThat(jdbc).hasMessage(file.getMessage());
  }

  @Test
  void build_validOptions_bothSinksBuild() {
    fileSink(valid()).run();
    jdbcSink(valid()).run();
    assertThat(valid().withoutCheckpoints().build().signsCheckpoints()).isFalse();
    assertThat(valid().build().chainId()).isEqualTo("n1");
  }

  @Test
  void toString_containsNoKeyMaterial() {
    String text = valid().checkpointEvery(5, Duration.ofSeconds(30)).build().toString();
    byte[] signer = TestSupport.CHECKPOINT_KEYS.getPrivate().getEncoded();
    assertThat(text)
        .contains("n1", TestSupport.CHAIN_KEY.fingerprint(), "every 5 records")
        .doesNotContain(Base64.getEncoder().encodeToString(signer));
  }
}
