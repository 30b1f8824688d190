package fi.suoja.benchmarks.audit;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * What one durable write costs on the disk at hand, which bounds the DURABLE file sink (see
 * benchmarks/README.md, "Audit"): appending {@code bytes} and then {@code fsync} (what the sink
 * does), the same with {@code fdatasync}, and overwriting a zero-filled, preallocated file followed
 * by {@code fdatasync} or {@code fsync} (no file size change to journal). Mean of {@code writes}
 * writes each, twice.
 *
 * <p>Run with {@code java -cp benchmarks/target/benchmarks.jar fi.suoja.benchmarks.audit.FsyncProbe
 * <directory on the disk> [bytes] [writes]}; never on tmpfs.
 */
public final class FsyncProbe {
  private FsyncProbe() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"));
    int bytes = args.length > 1 ? Integer.parseInt(args[1]) : 600;
    int writes = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
    byte[] line = new byte[bytes];
    Arrays.fill(line, (byte) 'x');
    line[bytes - 1] = '\n';
    Files.createDirectories(dir);
    Path file = dir.resolve("fsync-probe.tmp");
    try {
      for (int round = 0; round < 2; round++) {
        Files.deleteIfExists(file);
        try (FileOutputStream out = new FileOutputStream(file.toFile(), true)) {
          long start = System.nanoTime();
          for (int i = 0; i < writes; i++) {
            out.write(line);
            out.getFD().sync();
          }
          report("append + fsync", start, writes, bytes);
        }
        Files.deleteIfExists(file);
        try (FileChannel ch =
            FileChannel.open(
                file,
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE,
                java.nio.file.StandardOpenOption.APPEND)) {
          long start = System.nanoTime();
          for (int i = 0; i < writes; i++) {
            ch.write(ByteBuffer.wrap(line));
            ch.force(false);
          }
          report("append + fdatasync", start, writes, bytes);
        }
        Files.deleteIfExists(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
          byte[] zeros = new byte[1 << 20];
          for (long left = (long) writes * bytes; left > 0; left -= zeros.length) {
            raf.write(zeros, 0, (int) Math.min(left, zeros.length));
          }
          raf.getFD().sync();
          FileChannel ch = raf.getChannel();
          long start = System.nanoTime();
          for (int i = 0; i < writes; i++) {
            ch.write(ByteBuffer.wrap(line), (long) i * bytes);
            ch.force(false);
          }
          report("preallocated + fdatasync", start, writes, bytes);
          start = System.nanoTime();
          for (int i = 0; i < writes; i++) {
            ch.write(ByteBuffer.wrap(line), (long) i * bytes);
            raf.getFD().sync();
          }
          report("preallocated + fsync", start, writes, bytes);
        }
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static void report(String what, long start, int writes, int bytes) {
    System.out.printf(
        Locale.ROOT,
        "%-26s %6.1f us per %d-byte write%n",
        what,
        (System.nanoTime() - start) / 1e3 / writes,
        bytes);
  }
}
