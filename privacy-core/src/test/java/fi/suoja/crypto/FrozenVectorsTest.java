package fi.suoja.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.crypto.internal.Text;
import fi.suoja.crypto.spi.WrappedKeyStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values written by format 1 on 2026-11-24 (src/test/resources/frozen/v1: a wrapped data key in the
 * directory store's file format, two envelopes and two blind indexes, all under the fixed test
 * master key) must open and match in every later version of Suoja. Never regenerate them: a failure
 * here means stored data would become unreadable.
 */
class FrozenVectorsTest {

  @TempDir Path keys;

  private SuojaCrypto frozenCrypto() throws IOException {
    Path tenantDir = keys.resolve("YWNtZQ");
    Files.createDirectories(tenantDir);
    try (InputStream in = resource("keys/YWNtZQ/v1.key")) {
      Files.copy(in, tenantDir.resolve("v1.key"));
    }
    return TestCrypto.builder(WrappedKeyStore.directory(keys)).build();
  }

  private static Properties vectors() throws IOException {
    Properties p = new Properties();
    try (InputStream in = resource("vectors.properties")) {
      p.load(in);
    }
    return p;
  }

  private static InputStream resource(String name) {
    InputStream in = FrozenVectorsTest.class.getResourceAsStream("/frozen/v1/" + name);
    if (in == null) {
      throw new IllegalStateException("missing frozen vector " + name);
    }
    return in;
  }

  @Test
  void open_frozenEnvelopes_stillOpen() throws IOException {
    SuojaCrypto crypto = frozenCrypto();
    Properties v = vectors();
    CipherContext hetu = CipherContext.of("acme", "Client", "hetu").withRow("42");
    CipherContext notes = CipherContext.of("acme", "Client", "notes");
    assertThat(crypto.fieldCipher().open(hetu, v.getProperty("envelope.hetu")))
        .isEqualTo("010190-999K");
    assertThat(crypto.fieldCipher().open(notes, v.getProperty("envelope.notes")))
        .isEqualTo("Asiakas kävi vastaanotolla \uD83D\uDE42");
    assertThat(crypto.fieldCipher().keyOf(hetu, v.getProperty("envelope.hetu")))
        .isEqualTo(KeyId.tenant("acme", 1));
  }

  @Test
  void open_frozenEnvelopesWithPolicyInputs_stillOpen() throws IOException {
    // written before owner and subject were bound (no flag bit 1): a reader that now supplies
    // them still opens the value
    SuojaCrypto crypto = frozenCrypto();
    Properties v = vectors();
    CipherContext hetu =
        CipherContext.of("acme", "Client", "hetu").withRow("42").withPolicy("e-1", "c-42");
    assertThat(crypto.fieldCipher().bindsPolicy(hetu, v.getProperty("envelope.hetu"))).isFalse();
    assertThat(crypto.fieldCipher().open(hetu, v.getProperty("envelope.hetu")))
        .isEqualTo("010190-999K");
    String upgraded = crypto.fieldCipher().reseal(hetu, v.getProperty("envelope.hetu"));
    assertThat(crypto.fieldCipher().bindsPolicy(hetu, upgraded)).isTrue();
    assertThat(Text.decode(upgraded)[1] & 0x02).isEqualTo(0x02);
  }

  @Test
  void index_frozenBlindIndexes_stillMatch() throws IOException {
    SuojaCrypto crypto = frozenCrypto();
    Properties v = vectors();
    assertThat(crypto.blindIndexer().index("acme", "Client", "hetu", "010190-999k").toText())
        .isEqualTo(v.getProperty("index.hetu"));
    assertThat(
            crypto
                .blindIndexer()
                .indexCompound("acme", "Client", "fullName", List.of("MATTI", "Virtanen"))
                .toText())
        .isEqualTo(v.getProperty("index.fullName"));
  }

  @Test
  void seal_today_writesTheSameHeaderAsTheFrozenEnvelope() throws IOException {
    SuojaCrypto crypto = frozenCrypto();
    CipherContext hetu = CipherContext.of("acme", "Client", "hetu").withRow("42");
    byte[] frozen = Text.decode(vectors().getProperty("envelope.hetu"));
    byte[] today = Text.decode(crypto.fieldCipher().seal(hetu, "010190-999K"));
    assertThat(today).hasSameSizeAs(frozen);
    for (int i = 0; i < 7; i++) {
      assertThat(today[i]).as("header byte %d", i).isEqualTo(frozen[i]);
    }
    assertThat(frozen).startsWith(1, 1, 1, 0, 0, 0, 1);
  }
}
