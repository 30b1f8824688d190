package fi.suoja.crypto.internal;

import fi.suoja.crypto.KeyUnavailableException;
import fi.suoja.crypto.spi.WrappedKey;
import fi.suoja.crypto.spi.WrappedKeyStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file-based {@link WrappedKeyStore}: {@code <directory>/<base64url(tenant)>/v<version>.key},
 * one small text file per key version.
 *
 * <p>Every write goes to a temporary file in the same directory, is forced to disk, and only then
 * becomes visible: a new version through a hard link (atomic create-if-absent, so two processes
 * racing to create the same version cannot both win), a re-wrap through an atomic rename. The
 * directory is forced afterwards so the new name survives a crash. A reader therefore sees a
 * version completely or not at all. A retired version keeps its file beside an empty marker {@code
 * v<version>.retired}; deleting the marker restores it.
 */
public final class DirectoryWrappedKeyStore implements WrappedKeyStore {
  private static final String MAGIC = "suoja-wrapped-key 1";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();
  private static final Pattern KEY_FILE = Pattern.compile("v([1-9][0-9]{0,9})\\.key");
  private static final Pattern RETIRED_MASTER =
      Pattern.compile("master-v([1-9][0-9]{0,8})\\.retired");

  private final Path directory;

  public DirectoryWrappedKeyStore(Path directory) {
    this.directory = Objects.requireNonNull(directory, "directory");
  }

  @Override
  public List<WrappedKey> load(String tenant) {
    Path dir = tenantDirectory(tenant);
    List<WrappedKey> keys = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return keys;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "v*.key")) {
      for (Path file : files) {
        WrappedKey key = read(file, tenant);
        if (!Files.exists(dir.resolve(retiredFile(key.version())))) {
          keys.add(key);
        }
      }
    } catch (IOException e) {
      throw failure("cannot read wrapped keys of tenant " + tenant);
    }
    return keys;
  }

  @Override
  public boolean insert(WrappedKey key) {
    Path dir = tenantDirectory(key.tenant());
    Path target = dir.resolve(keyFile(key.version()));
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      forceDirectory(directory);
      tmp = writeTemporary(dir, key);
      try {
        Files.createLink(target, tmp);
      } catch (FileAlreadyExistsException exists) {
        return false;
      } catch (UnsupportedOperationException noLinks) {
        // file systems without hard links: a non-replacing move (check-then-rename, not atomic)
        if (Files.exists(target)) {
          return false;
        }
        Files.move(tmp, target);
        tmp = null;
      }
      forceDirectory(dir);
      return true;
    } catch (IOException e) {
      throw failure("cannot store wrapped key " + key.tenant() + " v" + key.version());
    } finally {
      deleteQuietly(tmp);
    }
  }

  @Override
  public void replace(WrappedKey key) {
    Path dir = tenantDirectory(key.tenant());
    Path target = dir.resolve(keyFile(key.version()));
    if (!Files.exists(target)) {
      throw new IllegalArgumentException("no such stored key version to replace");
    }
    Path tmp = null;
    try {
      tmp = writeTemporary(dir, key);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      tmp = null;
      forceDirectory(dir);
    } catch (IOException e) {
      throw failure("cannot re-wrap stored key " + key.tenant() + " v" + key.version());
    } finally {
      deleteQuietly(tmp);
    }
  }

  @Override
  public Set<String> tenants() {
    Set<String> tenants = new HashSet<>();
    if (!Files.isDirectory(directory)) {
      return tenants;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(directory, Files::isDirectory)) {
      for (Path dir : dirs) {
        try {
          tenants.add(
              new String(B64D.decode(dir.getFileName().toString()), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notOurs) {
          // a directory Suoja did not create: ignore it
        }
      }
    } catch (IOException e) {
      throw failure("cannot list the wrapped-key directory");
    }
    return tenants;
  }

  @Override
  public boolean retire(String tenant, int version) {
    StoredKeys.requireNotNewest(load(tenant), tenant, version);
    Path dir = tenantDirectory(tenant);
    if (!Files.exists(dir.resolve(keyFile(version)))) {
      return false;
    }
    try {
      Files.createFile(dir.resolve(retiredFile(version)));
    } catch (FileAlreadyExistsException already) {
      return false;
    } catch (IOException e) {
      throw failure("cannot retire key " + tenant + " v" + version);
    }
    forceDirectory(dir);
    return true;
  }

  @Override
  public boolean retired(String tenant, int version) {
    Path dir = tenantDirectory(tenant);
    return Files.exists(dir.resolve(retiredFile(version)))
        && Files.exists(dir.resolve(keyFile(version)));
  }

  @Override
  public List<String> destroy(String owner) {
    Path dir = tenantDirectory(owner);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Integer> versions = new ArrayList<>();
    try {
      // key files first: a crash in between must not leave a retired version without its marker
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "v*.key")) {
        for (Path file : files) {
          Matcher m = KEY_FILE.matcher(file.getFileName().toString());
          if (m.matches()) {
            versions.add(Integer.parseInt(m.group(1)));
          }
          Files.deleteIfExists(file);
        }
      }
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
        for (Path file : files) {
          Files.deleteIfExists(file);
        }
      }
      Files.deleteIfExists(dir);
      forceDirectory(directory);
    } catch (IOException | NumberFormatException e) {
      throw failure("cannot destroy the wrapped keys of " + owner);
    }
    return versions.stream().sorted().map(v -> StoredKeys.name(owner, v)).toList();
  }

  /**
   * An empty file {@code master-v<version>.retired} in the store's directory (a file, so {@link
   * #tenants} never lists it), created atomically and forced to disk.
   */
  @Override
  public boolean retireMasterKey(int version) {
    StoredKeys.checkMasterVersion(version);
    try {
      Files.createDirectories(directory);
      Files.createFile(directory.resolve("master-v" + version + ".retired"));
    } catch (FileAlreadyExistsException already) {
      return false;
    } catch (IOException e) {
      throw failure("cannot record master key version " + version + " as retired");
    }
    forceDirectory(directory);
    return true;
  }

  @Override
  public Set<Integer> retiredMasterKeys() {
    Set<Integer> versions = new HashSet<>();
    if (!Files.isDirectory(directory)) {
      return versions;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "master-v*.retired")) {
      for (Path file : files) {
        Matcher m = RETIRED_MASTER.matcher(file.getFileName().toString());
        if (m.matches() && Files.isRegularFile(file)) {
          versions.add(Integer.parseInt(m.group(1)));
        }
      }
    } catch (IOException e) {
      throw failure("cannot list the retired master keys");
    }
    return versions;
  }

  private static String keyFile(int version) {
    return "v" + version + ".key";
  }

  private static String retiredFile(int version) {
    return "v" + version + ".retired";
  }

  private Path tenantDirectory(String tenant) {
    return directory.resolve(B64.encodeToString(tenant.getBytes(StandardCharsets.UTF_8)));
  }

  private static Path writeTemporary(Path dir, WrappedKey key) throws IOException {
    String text =
        MAGIC
            + "\ntenant "
            + B64.encodeToString(key.tenant().getBytes(StandardCharsets.UTF_8))
            + "\nversion "
            + key.version()
            + "\nmaster "
            + key.masterKeyVersion()
            + "\nwrapped "
            + B64.encodeToString(key.wrapped())
            + "\n";
    Path tmp = Files.createTempFile(dir, ".tmp-", ".key");
    try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw e;
    }
    return tmp;
  }

  private static WrappedKey read(Path file, String tenant) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException gone) {
      throw failure("wrapped key file " + file.getFileName() + " vanished while reading");
    }
    try {
      if (lines.size() != 5 || !MAGIC.equals(lines.get(0))) {
        throw new IllegalArgumentException("bad header");
      }
      String storedTenant =
          new String(B64D.decode(value(lines.get(1), "tenant")), StandardCharsets.UTF_8);
      int version = Integer.parseInt(value(lines.get(2), "version"));
      int master = Integer.parseInt(value(lines.get(3), "master"));
      byte[] wrapped = B64D.decode(value(lines.get(4), "wrapped"));
      if (!storedTenant.equals(tenant) || !file.getFileName().toString().equals(keyFile(version))) {
        throw new IllegalArgumentException("file does not match its name");
      }
      return new WrappedKey(storedTenant, version, master, wrapped);
    } catch (IllegalArgumentException e) {
      throw failure(
          "wrapped key file " + file.getFileName() + " of tenant " + tenant + " is corrupt");
    }
  }

  private static String value(String line, String name) {
    if (!line.startsWith(name + " ")) {
      throw new IllegalArgumentException("expected " + name);
    }
    return line.substring(name.length() + 1);
  }

  private static void forceDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException notSupported) {
      // some platforms (Windows) cannot open a directory; the rename itself is still atomic
    }
  }

  private static void deleteQuietly(Path tmp) {
    if (tmp != null) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // a leftover .tmp- file is never read as a key
      }
    }
  }

  private static KeyUnavailableException failure(String message) {
    return new KeyUnavailableException("SUOJA-1006", message);
  }

  @Override
  public String toString() {
    return "DirectoryWrappedKeyStore[" + directory + "]";
  }
}
