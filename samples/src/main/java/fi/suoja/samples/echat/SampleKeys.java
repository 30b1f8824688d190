package fi.suoja.samples.echat;

import fi.suoja.crypto.spi.KeyProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The sample's master key: a PKCS#12 key store under {@code target/echat}, created with a random
 * AES-256 key on the first run. Its password comes from {@code SUOJA_KEYSTORE_PASSWORD}; the sample
 * falls back to a demo password so it runs on a fresh machine. A production host creates the key
 * store once (keytool or its HSM) and never uses a default password.
 */
final class SampleKeys {
  static final String PASSWORD_VARIABLE = "SUOJA_KEYSTORE_PASSWORD";
  static final String PSEUDONYM_ENTRY = "echat-log-pseudonyms";

  private SampleKeys() {}

  static KeyProvider pkcs12(Path work) {
    char[] password = password();
    Path store = work.resolve("suoja.p12");
    try {
      if (!Files.exists(store) || !holds(store, password, PSEUDONYM_ENTRY)) {
        Files.createDirectories(work);
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, password);
        ks.setEntry(
            "suoja-master-1",
            new KeyStore.SecretKeyEntry(new SecretKeySpec(raw, "AES")),
            new KeyStore.PasswordProtection(password));
        byte[] pseudonyms = new byte[32];
        new SecureRandom().nextBytes(pseudonyms);
        ks.setEntry(
            PSEUDONYM_ENTRY,
            new KeyStore.SecretKeyEntry(new SecretKeySpec(pseudonyms, "HmacSHA256")),
            new KeyStore.PasswordProtection(password));
        try (OutputStream os = Files.newOutputStream(store)) {
          ks.store(os, password);
        }
        deleteRecursively(wrappedKeyDirectory(work)); // keys wrapped under an older master key
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot create the sample key store", e);
    }
    return KeyProvider.pkcs12(store, password);
  }

  private static boolean holds(Path store, char[] password, String alias)
      throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(store)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, password);
      return ks.containsAlias(alias);
    }
  }

  /** The key of the log pseudonyms, kept in the same key store as the master key. */
  static SecretKey pseudonymKey(Path work) {
    char[] password = password();
    try (InputStream in = Files.newInputStream(work.resolve("suoja.p12"))) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, password);
      return (SecretKey) ks.getKey(PSEUDONYM_ENTRY, password);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the log pseudonym key", e);
    }
  }

  static Path wrappedKeyDirectory(Path work) {
    return work.resolve("keys");
  }

  private static char[] password() {
    String fromEnv = System.getenv(PASSWORD_VARIABLE);
    return (fromEnv == null || fromEnv.isEmpty() ? "echat-sample-only" : fromEnv).toCharArray();
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
