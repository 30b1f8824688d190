package fi.suoja.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.crypto.FrozenCatalogue.Envelope;
import fi.suoja.crypto.FrozenCatalogue.Index;
import fi.suoja.crypto.internal.Text;
import fi.suoja.crypto.spi.WrappedKeyStore;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Format 1, frozen (src/test/resources/frozen/v1/catalogue, written once by {@link
 * FrozenCatalogueGenerator} with the wrapped keys it used): envelopes of each key kind (tenant key
 * versions 1 and 2, subject key), padded and unpadded, with and without a row id, with and without
 * bound policy inputs, one binary envelope, and blind indexes of every normalisation and a compound
 * index. Every later build must open every envelope to its plaintext, read the same header from it,
 * write the same header and length today, and compute the same blind indexes byte for byte. A
 * failure means stored data would no longer open or match: a format change needs a new format
 * version (docs/ENVELOPE.md, "Compatibility").
 */
class FrozenCatalogueTest {

  @TempDir Path keys;
  private SuojaCrypto crypto;
  private Properties v;

  @BeforeEach
  void load() throws IOException, URISyntaxException {
    Path catalogue = Path.of(getClass().getResource("/frozen/v1/catalogue").toURI());
    // the directory store of the catalogue, copied so that nothing can change the committed files
    try (Stream<Path> files = Files.walk(catalogue.resolve("store"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path target = keys.resolve(catalogue.resolve("store").relativize(f).toString());
        Files.createDirectories(target.getParent());
        Files.copy(f, target);
      }
    }
    crypto = FrozenCatalogue.crypto(WrappedKeyStore.directory(keys));
    v = new Properties();
    try (Reader in =
        new InputStreamReader(
            Files.newInputStream(catalogue.resolve("vectors.properties")),
            StandardCharsets.UTF_8)) {
      v.load(in);
    }
  }

  private static List<Envelope> envelopes() {
    List<Envelope> all = new ArrayList<>(FrozenCatalogue.BEFORE_ROTATION);
    all.addAll(FrozenCatalogue.AFTER_ROTATION);
    return all;
  }

  private String frozen(String key) {
    String value = v.getProperty(key);
    assertThat(value).as("frozen vector %s", key).isNotNull();
    return value;
  }

  @Test
  void open_everyFrozenEnvelope_givesItsPlaintext() {
    assertThat(envelopes()).hasSize(11);
    for (Envelope e : envelopes()) {
      assertThat(crypto.fieldCipher().open(e.context(), frozen(e.name() + ".envelope")))
          .as(e.name())
          .isEqualTo(e.plaintext());
    }
    CipherContext binary = CipherContext.of(FrozenCatalogue.TENANT, "Note", "text").withRow("n-9");
    byte[] sealed = HexFormat.of().parseHex(frozen("binary.envelope"));
    assertThat(crypto.fieldCipher().openBytes(binary, sealed))
        .containsExactly(0, 1, 2, (byte) 0xff);
  }

  @Test
  void header_everyFrozenEnvelope_readsAsFrozen() {
    for (Envelope e : envelopes()) {
      String sealed = frozen(e.name() + ".envelope");
      byte[] header = HexFormat.of().parseHex(frozen(e.name() + ".header"));
      assertThat(Text.decode(sealed)).as(e.name()).startsWith(header);
      // format 1; flags: bit 0 padded, bit 1 policy inputs bound; kind 1 tenant, 2 subject
      boolean padded = e.field().startsWith("padded");
      assertThat(header[0]).as(e.name()).isEqualTo((byte) 1);
      byte flags = (byte) ((padded ? 1 : 0) | (e.policy() ? 2 : 0));
      assertThat(header[1]).as(e.name()).isEqualTo(flags);
      assertThat(header[2]).as(e.name()).isEqualTo((byte) (e.subjectId() == null ? 1 : 2));
      KeyId key = crypto.fieldCipher().keyOf(e.context(), sealed);
      assertThat(key.kind())
          .as(e.name())
          .isEqualTo(e.subjectId() == null ? KeyId.Kind.TENANT : KeyId.Kind.SUBJECT);
      assertThat(key.version()).as(e.name()).isEqualTo(e.version());
      assertThat(crypto.fieldCipher().bindsPolicy(e.context(), sealed))
          .as(e.name())
          .isEqualTo(e.policy());
    }
    assertThat(HexFormat.of().parseHex(frozen("binary.envelope"))).startsWith(1, 0, 1, 0, 0, 0, 2);
  }

  @Test
  void seal_today_writesTheFrozenHeaderAndLength() {
    // the catalogue's tenant is at key version 2 now, so tenant-key values seal under 2
    for (Envelope e : envelopes()) {
      FieldCipher cipher = crypto.fieldCipher();
      String today =
          e.subjectId() == null
              ? cipher.seal(e.context(), e.plaintext())
              : cipher.sealForSubject(e.context(), e.subjectId(), e.plaintext());
      byte[] expected = HexFormat.of().parseHex(frozen(e.name() + ".header"));
      if (e.subjectId() == null) {
        expected[6] = 2;
      }
      byte[] todayBytes = Text.decode(today);
      assertThat(Arrays.copyOf(todayBytes, expected.length)).as(e.name()).isEqualTo(expected);
      byte[] frozenBytes = Text.decode(frozen(e.name() + ".envelope"));
      assertThat(todayBytes).as(e.name()).hasSameSizeAs(frozenBytes);
    }
  }

  @Test
  void index_everyFrozenBlindIndex_isComputedAlikeToday() {
    for (Index i : FrozenCatalogue.INDEXES) {
      List<String> candidates =
          FrozenCatalogueGenerator.candidates(crypto, i).stream().map(BlindIndex::toText).toList();
      assertThat(String.join(",", candidates))
          .as(i.name())
          .isEqualTo(frozen("index." + i.name() + ".candidates"));
      // newest version first: version 2, then the version-1 index frozen before the rotation
      assertThat(candidates.get(1)).as(i.name()).isEqualTo(frozen("index." + i.name() + ".v1"));
      assertThat(FrozenCatalogueGenerator.index(crypto, i).toText())
          .as(i.name())
          .isEqualTo(candidates.get(0));
    }
  }
}
