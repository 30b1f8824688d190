package fi.suoja.audit.sink;

import fi.suoja.audit.internal.ChainCodec;
import fi.suoja.audit.internal.ChainWriter;
import fi.suoja.audit.verify.Checkpoint;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * JSON-lines files of one chain: {@code audit-<chain>-<first seq, 16 digits>.jsonl}, rotated by
 * size and UTC date; the chain simply continues in the next file. Checkpoints go to {@code
 * <checkpointDir>/<chain>.checkpoints.jsonl}.
 *
 * <p>Called by whichever thread leads a group commit (a durable caller or the buffered writer), one
 * at a time. Files are written through {@link FileOutputStream} and forced with {@link
 * FileDescriptor#sync()}, neither of which is interruptible: the leader is a host thread that the
 * host may interrupt at will, and an interrupted {@code FileChannel} would close itself under the
 * trail.
 */
final class FileBackend implements ChainWriter.Backend {
  private final Path directory;
  private final String chainId;
  private final long maxBytes;
  private final boolean daily;
  private final Clock clock;
  private final Path checkpointFile;
  private FileOutputStream out;
  private long currentBytes;

  /** Start of the next UTC day after the current file was opened (daily rotation). */
  private long nextDayMillis;

  private FileOutputStream checkpointOut;
  private Buffer buf = new Buffer(CHUNK + 4096);
  private final ChainCodec.LineWriter lines;

  FileBackend(
      Path directory,
      String chainId,
      long maxBytes,
      boolean daily,
      Clock clock,
      Path checkpointDir) {
    this.directory = directory;
    this.chainId = chainId;
    this.maxBytes = maxBytes;
    this.daily = daily;
    this.clock = clock;
    this.lines = new ChainCodec.LineWriter(chainId);
    this.checkpointFile =
        checkpointDir == null ? null : checkpointDir.resolve(chainId + ".checkpoints.jsonl");
  }

  static String fileName(String chainId, long firstSeq) {
    return String.format("audit-%s-%016d.jsonl", chainId, firstSeq);
  }

  /** Bytes gathered before a write system call. */
  private static final int CHUNK = 1 << 18;

  /** A ByteArrayOutputStream whose bytes can be written and moved without copying out. */
  private static final class Buffer extends ByteArrayOutputStream {
    Buffer(int size) {
      super(size);
    }

    /** Writes the first {@code length} bytes. */
    void writeTo(OutputStream target, int length) throws IOException {
      target.write(buf, 0, length);
    }

    /** Keeps only the bytes from {@code from} on, moved to the start. */
    void keepFrom(int from) {
      System.arraycopy(buf, from, buf, 0, count - from);
      count -= from;
    }
  }

  @Override
  public void write(List<ChainWriter.Entry> batch, boolean force) throws IOException {
    buf.reset();
    for (ChainWriter.Entry r : batch) {
      int before = buf.size();
      lines.write(buf, r.seq, r.eventJson, r.head());
      buf.write('\n');
      int length = buf.size() - before;
      if (out == null || needsRotation(length)) {
        // Bytes before this record belong to the current file.
        if (before > 0) {
          buf.writeTo(out, before);
          buf.keepFrom(before);
        }
        rotate(r.seq);
      }
      currentBytes += length;
      if (buf.size() >= CHUNK) {
        buf.writeTo(out, buf.size());
        buf.reset();
      }
    }
    if (buf.size() > 0) {
      buf.writeTo(out, buf.size());
    }
    if (buf.size() > 2 * CHUNK) {
      buf = new Buffer(CHUNK + 4096); // one huge event: do not keep its buffer for ever
    }
    if (force && out != null) {
      out.getFD().sync();
    }
  }

  private boolean needsRotation(int nextLength) {
    if (currentBytes > 0 && currentBytes + nextLength > maxBytes) {
      return true;
    }
    return daily && clock.millis() >= nextDayMillis;
  }

  private void rotate(long firstSeq) throws IOException {
    if (out != null) {
      out.getFD().sync();
      out.close();
      out = null;
    }
    Files.createDirectories(directory);
    Path file = directory.resolve(fileName(chainId, firstSeq));
    Files.createFile(file); // never append to a file that already exists
    out = new FileOutputStream(file.toFile(), true);
    currentBytes = 0;
    nextDayMillis =
        LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)
            .plusDays(1)
            .atStartOfDay(ZoneOffset.UTC)
            .toInstant()
            .toEpochMilli();
    syncDirectory(directory);
  }

  /**
   * A new file's directory entry must be durable too, or a crash may lose the whole file. Only a
   * channel can force a directory; an interrupt closes it, so the sync is retried with the
   * interrupt status cleared and restored afterwards.
   */
  private static void syncDirectory(Path dir) throws IOException {
    boolean interrupted = false;
    try {
      while (true) {
        interrupted |= Thread.interrupted();
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
          d.force(true);
          return;
        } catch (ClosedByInterruptException e) {
          interrupted = true;
        } catch (IOException e) {
          // Some platforms (Windows) cannot open directories; the file data itself is forced.
          return;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void checkpoint(List<Checkpoint> checkpoints) throws IOException {
    if (checkpointOut == null) {
      Files.createDirectories(checkpointFile.getParent());
      checkpointOut = new FileOutputStream(checkpointFile.toFile(), true);
      syncDirectory(checkpointFile.getParent());
    }
    StringBuilder lines = new StringBuilder(checkpoints.size() * 320);
    for (Checkpoint c : checkpoints) {
      lines.append(c.toJson()).append('\n');
    }
    checkpointOut.write(lines.toString().getBytes(StandardCharsets.UTF_8));
    checkpointOut.getFD().sync();
  }

  @Override
  public void close() throws IOException {
    try {
      if (out != null) {
        out.getFD().sync();
        out.close();
      }
    } finally {
      if (checkpointOut != null) {
        checkpointOut.close();
      }
    }
  }

  @Override
  public String describe() {
    return "directory " + directory;
  }
}
