package fi.suoja.audit.sink;

import fi.suoja.audit.internal.ChainCodec;
import fi.suoja.audit.internal.ChainWriter;
import fi.suoja.audit.verify.Checkpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * JSON-lines files of one chain: {@code audit-<chain>-<first seq, 16 digits>.jsonl}, rotated by
 * size and UTC date; the chain simply continues in the next file. Checkpoints go to {@code
 * <checkpointDir>/<chain>.checkpoints.jsonl}.
 */
final class FileBackend implements ChainWriter.Backend {
  private final Path directory;
  private final String chainId;
  private final long maxBytes;
  private final boolean daily;
  private final Clock clock;
  private final Path checkpointFile;
  private FileChannel channel;
  private Path current;
  private long currentBytes;
  private LocalDate currentDate;
  private FileChannel checkpointChannel;
  private final ExecutorService io;

  FileBackend(
      Path directory, String chainId, long maxBytes, boolean daily, Clock clock, Path checkpointDir) {
    this.directory = directory;
    this.chainId = chainId;
    this.maxBytes = maxBytes;
    this.daily = daily;
    this.clock = clock;
    this.checkpointFile =
        checkpointDir == null ? null : checkpointDir.resolve(chainId + ".checkpoints.jsonl");
    this.io =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "suoja-audit-io-" + chainId);
              t.setDaemon(true);
              return t;
            });
  }

  static String fileName(String chainId, long firstSeq) {
    return String.format("audit-%s-%016d.jsonl", chainId, firstSeq);
  }

  @Override
  public void write(List<ChainWriter.Record> batch, boolean force) throws Exception {
    onIoThread(
        () -> {
          writeNow(batch, force);
          return null;
        });
  }

  /**
   * Runs file I/O on a private thread and waits uninterruptibly: interrupting a thread that uses a
   * FileChannel closes the channel, and the caller is whichever host thread happened to record,
   * which the host may interrupt at will.
   */
  private void onIoThread(Callable<Void> task) throws Exception {
    Future<Void> f = io.submit(task);
    boolean interrupted = false;
    try {
      while (true) {
        try {
          f.get();
          return;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          throw e.getCause() instanceof Exception ex ? ex : e;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A ByteArrayOutputStream whose bytes can be written without copying. */
  private static final class Buffer extends ByteArrayOutputStream {
    Buffer(int size) {
      super(size);
    }

    void writeTo(FileChannel channel, int from, int to) throws IOException {
      ByteBuffer bb = ByteBuffer.wrap(buf, from, to - from);
      while (bb.hasRemaining()) {
        channel.write(bb);
      }
    }
  }

  private void writeNow(List<ChainWriter.Record> batch, boolean force) throws IOException {
    Buffer buf = new Buffer(batch.size() * 700 + 16);
    int segment = 0;
    for (ChainWriter.Record r : batch) {
      int before = buf.size();
      ChainCodec.writeLine(buf, r.seq, chainId, r.eventJson, r.head);
      buf.write('\n');
      int length = buf.size() - before;
      if (channel == null || needsRotation(length)) {
        // Bytes before this record belong to the current file.
        if (before > segment) {
          buf.writeTo(channel, segment, before);
        }
        segment = before;
        rotate(r.seq);
      }
      currentBytes += length;
    }
    if (buf.size() > segment) {
      buf.writeTo(channel, segment, buf.size());
    }
    if (force && channel != null) {
      channel.force(false);
    }
  }

  private boolean needsRotation(int nextLength) {
    if (currentBytes > 0 && currentBytes + nextLength > maxBytes) {
      return true;
    }
    return daily && !LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).equals(currentDate);
  }

  private void rotate(long firstSeq) throws IOException {
    if (channel != null) {
      channel.force(false);
      channel.close();
    }
    Files.createDirectories(directory);
    current = directory.resolve(fileName(chainId, firstSeq));
    channel =
        FileChannel.open(current, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    currentBytes = 0;
    currentDate = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    syncDirectory(directory);
  }

  // A new file's directory entry must be durable too, or a crash may lose the whole file.
  private static void syncDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // Some platforms (Windows) cannot open directories; the file data itself is still forced.
    }
  }

  @Override
  public void checkpoint(Checkpoint checkpoint) throws Exception {
    onIoThread(
        () -> {
          checkpointNow(checkpoint);
          return null;
        });
  }

  private void checkpointNow(Checkpoint checkpoint) throws IOException {
    if (checkpointChannel == null) {
      Files.createDirectories(checkpointFile.getParent());
      checkpointChannel =
          FileChannel.open(
              checkpointFile,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.APPEND);
      syncDirectory(checkpointFile.getParent());
    }
    ByteBuffer bb =
        ByteBuffer.wrap((checkpoint.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
    while (bb.hasRemaining()) {
      checkpointChannel.write(bb);
    }
    checkpointChannel.force(false);
  }

  @Override
  public void close() throws Exception {
    try {
      onIoThread(
          () -> {
            closeNow();
            return null;
          });
    } finally {
      io.shutdown();
    }
  }

  private void closeNow() throws IOException {
    try {
      if (channel != null) {
        channel.force(false);
        channel.close();
      }
    } finally {
      if (checkpointChannel != null) {
        checkpointChannel.close();
      }
    }
  }

  @Override
  public String describe() {
    return "directory " + directory;
  }
}
