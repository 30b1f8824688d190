package fi.suoja.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Comparator;
import java.util.stream.Stream;

/** Keys and temporary directories shared by tests. */
public final class TestSupport {
  /** One Ed25519 checkpoint key pair for the whole test run. */
  public static final KeyPair CHECKPOINT_KEYS = ed25519();

  /** A second, unrelated key pair (the "wrong" key). */
  public static final KeyPair OTHER_KEYS = ed25519();

  /** A fixed chain key. */
  public static final ChainKey CHAIN_KEY =
      ChainKey.of(
          new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
            17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32
          });

  private TestSupport() {}

  /** A new Ed25519 key pair. */
  public static KeyPair ed25519() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A fresh temporary directory. */
  public static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory("suoja-" + prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes a directory tree, ignoring what is already gone. */
  public static void delete(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
