package fi.suoja.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.WrappedKeyStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crypto-shredding (docs/SUBJECT_RIGHTS.md: it makes every copy unreadable): values sealed under a
 * subject key open like tenant-key values; once the subject key is destroyed every copy taken
 * before fails with a typed {@link KeyUnavailableException} and no data, on this node at once and
 * on another node after its TTL; other subjects and tenant-key values are untouched.
 */
class SubjectKeyProperties {

  private static SuojaCrypto crypto(WrappedKeyStore store, Duration ttl) {
    return SuojaCrypto.builder()
        .keyProvider(KeyProvider.inMemory(Map.of(1, TestCrypto.MASTER_1)))
        .wrappedKeyStore(store)
        .dataKeyCacheTtl(ttl)
        .createTenantKeysOnFirstUse(true)
        .build();
  }

  @Property(tries = 100)
  void destroy_oneSubject_everyCopyOfItsValuesFailsAndOthersStillOpen(
      @ForAll @IntRange(min = 2, max = 6) int subjects,
      @ForAll @IntRange(min = 0, max = 5) int victim,
      @ForAll @StringLength(max = 40) String value) {
    WrappedKeyStore store = WrappedKeyStore.inMemory();
    SuojaCrypto crypto = crypto(store, Duration.ofMinutes(5));
    FieldCipher cipher = crypto.fieldCipher();
    int shredded = victim % subjects;
    List<String> copies = new ArrayList<>();
    List<CipherContext> contexts = new ArrayList<>();
    for (int s = 0; s < subjects; s++) {
      CipherContext ctx = new CipherContext("t1", "Client", "name", "row-" + s);
      contexts.add(ctx);
      copies.add(cipher.sealForSubject(ctx, "subject-" + s, "Plaintext-" + value + s));
    }
    String tenantValue = cipher.seal(new CipherContext("t1", "Client", "name", "x"), value);

    assertThat(crypto.subjectKeys().destroy("t1", "subject-" + shredded)).isEqualTo(1);

    for (int s = 0; s < subjects; s++) {
      CipherContext ctx = contexts.get(s);
      String copy = copies.get(s);
      String plain = "Plaintext-" + value + s;
      if (s == shredded) {
        assertThatThrownBy(() -> cipher.open(ctx, copy))
            .isInstanceOf(KeyUnavailableException.class)
            .hasMessageContaining("SUOJA-6001")
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain(plain));
        // another node that never cached the key cannot open it either
        FieldCipher other = crypto(store, Duration.ofMinutes(5)).fieldCipher();
        assertThatThrownBy(() -> other.open(ctx, copy)).isInstanceOf(KeyUnavailableException.class);
      } else {
        assertThat(cipher.open(ctx, copy)).isEqualTo(plain);
      }
    }
    assertThat(cipher.open(new CipherContext("t1", "Client", "name", "x"), tenantValue))
        .isEqualTo(value);
    assertThat(crypto.subjectKeys().find("t1", "subject-" + shredded)).isEmpty();
  }

  @Property(tries = 200)
  void sealForSubject_opensOnlyInItsOwnContext(
      @ForAll @AlphaChars @StringLength(min = 8, max = 20) String subject,
      @ForAll @NumericChars @StringLength(min = 1, max = 5) String row,
      @ForAll @StringLength(max = 30) String value) {
    SuojaCrypto crypto = crypto(WrappedKeyStore.inMemory(), Duration.ofMinutes(5));
    FieldCipher cipher = crypto.fieldCipher();
    CipherContext ctx = new CipherContext("t1", "Client", "name", row);
    String sealed = cipher.sealForSubject(ctx, subject, value);
    assertThat(cipher.open(ctx, sealed)).isEqualTo(value);
    assertThat(
            new String(
                java.util.Base64.getUrlDecoder().decode(sealed),
                java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain(subject);
    assertThat(cipher.keyOf(ctx, sealed).kind()).isEqualTo(KeyId.Kind.SUBJECT);
    for (CipherContext wrong :
        List.of(
            new CipherContext("t2", "Client", "name", row),
            new CipherContext("t1", "Other", "name", row),
            new CipherContext("t1", "Client", "hetu", row),
            new CipherContext("t1", "Client", "name", row + "0"),
            new CipherContext("t1", "Client", "name", null))) {
      assertThatThrownBy(() -> cipher.open(wrong, sealed)).isInstanceOf(DecryptionException.class);
    }
    String resealed = cipher.reseal(ctx, sealed);
    assertThat(resealed).isNotEqualTo(sealed);
    assertThat(cipher.keyOf(ctx, resealed)).isEqualTo(cipher.keyOf(ctx, sealed));
    assertThat(cipher.open(ctx, resealed)).isEqualTo(value);
  }

  @Test
  void destroy_otherNode_failsAfterItsTtl() {
    WrappedKeyStore store = WrappedKeyStore.inMemory();
    SuojaCrypto a = crypto(store, Duration.ZERO);
    SuojaCrypto b = crypto(store, Duration.ZERO);
    CipherContext ctx = new CipherContext("t1", "Client", "name", "1");
    String sealed = a.fieldCipher().sealForSubject(ctx, "s1", "Aino");
    assertThat(b.fieldCipher().open(ctx, sealed)).isEqualTo("Aino");
    a.subjectKeys().destroy("t1", "s1");
    assertThatThrownBy(() -> b.fieldCipher().open(ctx, sealed))
        .isInstanceOf(KeyUnavailableException.class);
  }

  @Test
  void create_sameSubject_sameKeyAndIdempotentDestroy() {
    SuojaCrypto crypto = crypto(WrappedKeyStore.inMemory(), Duration.ofMinutes(5));
    // long enough that a random 22-character owner cannot contain it by chance (a two-character
    // id did, once in ~200 runs)
    String subject = "client-000123";
    KeyId first = crypto.subjectKeys().create("t1", subject);
    assertThat(crypto.subjectKeys().create("t1", subject)).isEqualTo(first);
    assertThat(crypto.subjectKeys().create("t2", subject)).isNotEqualTo(first);
    assertThat(first.owner()).doesNotContain(subject).hasSize(22);
    assertThat(crypto.subjectKeys().destroy("t1", subject)).isEqualTo(1);
    assertThat(crypto.subjectKeys().destroy("t1", subject)).isZero();
    assertThat(crypto.subjectKeys().destroy("t3", "never")).isZero();
  }

  @Test
  void rotateMasterKey_subjectKeysAreRewrappedAndStillOpen() {
    WrappedKeyStore store = WrappedKeyStore.inMemory();
    SuojaCrypto old = crypto(store, Duration.ZERO);
    CipherContext ctx = new CipherContext("t1", "Client", "name", "1");
    String sealed = old.fieldCipher().sealForSubject(ctx, "s1", "Aino");
    SuojaCrypto rotated =
        SuojaCrypto.builder()
            .keyProvider(
                KeyProvider.inMemory(Map.of(1, TestCrypto.MASTER_1, 2, TestCrypto.MASTER_2)))
            .wrappedKeyStore(store)
            .masterKeyVersion(2)
            .dataKeyCacheTtl(Duration.ZERO)
            .build();
    assertThat(rotated.keyring().rotateMasterKey()).isEqualTo(2); // subject key + reference key
    SuojaCrypto onlyNew =
        SuojaCrypto.builder()
            .keyProvider(KeyProvider.inMemory(Map.of(2, TestCrypto.MASTER_2)))
            .wrappedKeyStore(store)
            .build();
    assertThat(onlyNew.fieldCipher().open(ctx, sealed)).isEqualTo("Aino");
  }

  @Test
  void directoryStore_destroy_deletesTheFiles(@TempDir Path dir) {
    WrappedKeyStore store = WrappedKeyStore.directory(dir);
    SuojaCrypto crypto = crypto(store, Duration.ZERO);
    CipherContext ctx = new CipherContext("t1", "Client", "name", "1");
    String sealed = crypto.fieldCipher().sealForSubject(ctx, "s1", "Aino");
    KeyId id = crypto.subjectKeys().find("t1", "s1").orElseThrow();
    assertThat(store.tenants()).contains(SubjectKeys.OWNER_PREFIX + id.owner());
    assertThat(crypto.subjectKeys().destroy("t1", "s1")).isEqualTo(1);
    assertThat(store.tenants()).doesNotContain(SubjectKeys.OWNER_PREFIX + id.owner());
    assertThatThrownBy(() -> crypto.fieldCipher().open(ctx, sealed))
        .isInstanceOf(KeyUnavailableException.class);
  }

  @Test
  void destroy_storeCannotDelete_failsTyped() {
    WrappedKeyStore inner = WrappedKeyStore.inMemory();
    WrappedKeyStore noDelete =
        new WrappedKeyStore() {
          @Override
          public List<fi.suoja.crypto.spi.WrappedKey> load(String tenant) {
            return inner.load(tenant);
          }

          @Override
          public boolean insert(fi.suoja.crypto.spi.WrappedKey key) {
            return inner.insert(key);
          }

          @Override
          public void replace(fi.suoja.crypto.spi.WrappedKey key) {
            inner.replace(key);
          }

          @Override
          public Set<String> tenants() {
            return inner.tenants();
          }
        };
    SuojaCrypto crypto = crypto(noDelete, Duration.ZERO);
    crypto.subjectKeys().create("t1", "s1");
    assertThatThrownBy(() -> crypto.subjectKeys().destroy("t1", "s1"))
        .isInstanceOf(KeyUnavailableException.class)
        .hasMessageContaining("SUOJA-6003");
    assertThat(crypto.subjectKeys().find("t1", "s1")).isPresent();
    assertThat(crypto.subjectKeys().toString()).doesNotContain("s1");
  }
}
