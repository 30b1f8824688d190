package fi.suoja.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.crypto.FrozenCatalogue.Envelope;
import fi.suoja.crypto.FrozenCatalogue.Index;
import fi.suoja.crypto.internal.Text;
import fi.suoja.crypto.spi.WrappedKeyStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Wrote the frozen catalogue once; kept to show how, never run by the build (its name does not
 * match the Surefire includes, and it needs a system property). Run by hand only to write a NEW
 * catalogue into an empty directory:
 *
 * <pre>
 * mvn -B -pl privacy-core -am test -Dtest=FrozenCatalogueGenerator \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dsuoja.frozen.out=/tmp/catalogue
 * </pre>
 */
class FrozenCatalogueGenerator {

  @Test
  @EnabledIfSystemProperty(named = "suoja.frozen.out", matches = ".+")
  void write() throws IOException {
    Path out = Path.of(System.getProperty("suoja.frozen.out"));
    Files.createDirectories(out);
    try (var existing = Files.list(out)) {
      assertThat(existing).as("an empty output directory").isEmpty();
    }
    SuojaCrypto crypto = FrozenCatalogue.crypto(WrappedKeyStore.directory(out.resolve("store")));
    crypto.keyring().create(FrozenCatalogue.TENANT);
    Map<String, String> v = new TreeMap<>();
    for (Envelope e : FrozenCatalogue.BEFORE_ROTATION) {
      seal(crypto, e, v);
    }
    Map<String, String> indexesV1 = indexes(crypto);
    crypto.keyring().rotate(FrozenCatalogue.TENANT);
    for (Envelope e : FrozenCatalogue.AFTER_ROTATION) {
      seal(crypto, e, v);
    }
    // a binary column's envelope (sealBytes), tenant key version 2
    CipherContext binary = CipherContext.of(FrozenCatalogue.TENANT, "Note", "text").withRow("n-9");
    v.put(
        "binary.envelope",
        HexFormat.of()
            .formatHex(crypto.fieldCipher().sealBytes(binary, new byte[] {0, 1, 2, (byte) 0xff})));
    for (Index i : FrozenCatalogue.INDEXES) {
      v.put("index." + i.name() + ".v1", indexesV1.get(i.name()));
      v.put(
          "index." + i.name() + ".candidates",
          candidates(crypto, i).stream().map(BlindIndex::toText).collect(Collectors.joining(",")));
    }
    StringBuilder text =
        new StringBuilder(
            "# Suoja format-1 catalogue, written once by FrozenCatalogueGenerator; never regenerate\n");
    v.forEach((k, value) -> text.append(k).append('=').append(value).append('\n'));
    Files.writeString(out.resolve("vectors.properties"), text, StandardCharsets.UTF_8);
  }

  private static void seal(SuojaCrypto crypto, Envelope e, Map<String, String> v) {
    FieldCipher cipher = crypto.fieldCipher();
    String sealed =
        e.subjectId() == null
            ? cipher.seal(e.context(), e.plaintext())
            : cipher.sealForSubject(e.context(), e.subjectId(), e.plaintext());
    byte[] bytes = Text.decode(sealed);
    int header = bytes[2] == 2 ? 8 + bytes[7] : 7;
    v.put(e.name() + ".envelope", sealed);
    v.put(e.name() + ".header", HexFormat.of().formatHex(bytes, 0, header));
  }

  private static Map<String, String> indexes(SuojaCrypto crypto) {
    Map<String, String> m = new TreeMap<>();
    for (Index i : FrozenCatalogue.INDEXES) {
      m.put(i.name(), index(crypto, i).toText());
    }
    return m;
  }

  static BlindIndex index(SuojaCrypto crypto, Index i) {
    BlindIndexer indexer = crypto.blindIndexer();
    return i.field() == null
        ? indexer.indexCompound(FrozenCatalogue.TENANT, "Person", i.name(), i.values())
        : indexer.index(FrozenCatalogue.TENANT, "Person", i.field(), i.values().get(0));
  }

  static List<BlindIndex> candidates(SuojaCrypto crypto, Index i) {
    return i.field() == null
        ? crypto
            .blindIndexer()
            .candidatesCompound(FrozenCatalogue.TENANT, "Person", i.name(), i.values())
        : crypto
            .blindIndexer()
            .candidates(FrozenCatalogue.TENANT, "Person", i.field(), i.values().get(0));
  }
}
