package fi.suoja.samples.echat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What an attacker with file access might do: copy the trail and change one byte of a record. */
final class SampleTamper {
  private SampleTamper() {}

  /**
   * Copies the trail directory to {@code copy}, changing one byte inside record number {@code
   * record} (1-based line of the first chain file): a digit of its timestamp.
   *
   * @return the record number that was changed
   */
  static long flipOneByte(Path trail, Path copy, int record) {
    try {
      SampleKeys.deleteRecursively(copy);
      Files.createDirectories(copy);
      List<Path> files;
      try (var s = Files.list(trail)) {
        files = s.sorted().toList();
      }
      for (Path f : files) {
        Files.copy(f, copy.resolve(f.getFileName()));
      }
      Path first = copy.resolve(files.get(0).getFileName());
      byte[] bytes = Files.readAllBytes(first);
      int line = 1;
      int i = 0;
      while (line < record) {
        if (bytes[i++] == '\n') {
          line++;
        }
      }
      int time =
          indexOf(bytes, "\"time\":\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII), i);
      int digit = time + "\"time\":\"".length() + 3; // the last digit of the year
      bytes[digit] = (byte) (bytes[digit] == '9' ? '8' : bytes[digit] + 1);
      Files.write(first, bytes);
      return record;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = from; i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalStateException("record has no time field");
  }
}
