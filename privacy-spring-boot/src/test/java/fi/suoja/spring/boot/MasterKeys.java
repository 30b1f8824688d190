package fi.suoja.spring.boot;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.crypto.KeyGenerator;

/** A PKCS#12 master key store written for a test, as an operator makes it with keytool. */
public final class MasterKeys {
  public static final String PASSWORD = "store-password-for-tests";

  private MasterKeys() {}

  /** A store with one AES-256 entry {@code suoja-master-1}, in a new temporary directory. */
  public static Path pkcs12() {
    try {
      Path dir = Files.createTempDirectory("suoja-keys");
      Path file = dir.resolve("suoja.p12");
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      KeyGenerator aes = KeyGenerator.getInstance("AES");
      aes.init(256);
      store.setEntry(
          "suoja-master-1",
          new KeyStore.SecretKeyEntry(aes.generateKey()),
          new KeyStore.PasswordProtection(PASSWORD.toCharArray()));
      try (OutputStream out = Files.newOutputStream(file)) {
        store.store(out, PASSWORD.toCharArray());
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
