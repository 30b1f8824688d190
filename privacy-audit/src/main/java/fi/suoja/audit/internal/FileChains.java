package fi.suoja.audit.internal;

import fi.suoja.audit.AuditException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds chain files ({@code audit-<chain>-<seq>.jsonl}) and reads their lines in order. */
public final class FileChains {
  /** Code for unreadable input. */
  public static final String UNREADABLE = "SUOJA-4010";

  private static final Pattern NAME = Pattern.compile("audit-(.+)-(\\d{16})\\.jsonl");

  private FileChains() {}

  /**
   * The chains under {@code path}: a directory of chain files (grouped by chain id, files ordered
   * by first sequence number) or a single file (its own chain, id taken from its name if it follows
   * the naming pattern, else from the file name).
   */
  public static Map<String, List<Path>> find(Path path) {
    Map<String, List<Path>> chains = new TreeMap<>();
    if (Files.isDirectory(path)) {
      List<Path> names = new ArrayList<>();
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(path, "audit-*.jsonl")) {
        ds.forEach(names::add);
      } catch (IOException e) {
        throw unreadable(path, e);
      }
      names.sort(null);
      for (Path p : names) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        if (m.matches()) {
          chains.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(p);
        }
      }
      return chains;
    }
    if (!Files.isReadable(path)) {
      throw new AuditException(
          UNREADABLE, "cannot read audit trail " + path + ": no such readable file or directory");
    }
    Matcher m = NAME.matcher(path.getFileName().toString());
    chains.put(m.matches() ? m.group(1) : path.getFileName().toString(), List.of(path));
    return chains;
  }

  /** An exception for an unreadable path; names the path and the kind of I/O error only. */
  public static AuditException unreadable(Path path, IOException e) {
    return new AuditException(
        UNREADABLE, "cannot read audit trail " + path + ": " + e.getClass().getSimpleName(), e);
  }

  /**
   * The lines of the files in order. A line without a final newline is incomplete; it can only be
   * the last line of the last file (elsewhere it is returned as incomplete too, and the verifier
   * reports it).
   */
  public static RecordSource lines(List<Path> files) {
    return new RecordSource() {
      private int fileIndex = -1;
      private InputStream in;
      private long lineNo;
      private RawRecord next;

      @Override
      public boolean hasNext() {
        if (next == null) {
          next = advance();
        }
        return next != null;
      }

      @Override
      public void close() {
        if (in != null) {
          try {
            in.close();
          } catch (IOException e) {
            // read-only stream: nothing to lose
          }
          in = null;
        }
        fileIndex = files.size();
      }

      @Override
      public RawRecord next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        RawRecord r = next;
        next = null;
        return r;
      }

      private RawRecord advance() {
        try {
          while (true) {
            if (in == null) {
              if (++fileIndex >= files.size()) {
                return null;
              }
              in = new BufferedInputStream(Files.newInputStream(files.get(fileIndex)), 1 << 16);
              lineNo = 0;
            }
            ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
              line.write(b);
            }
            if (b == -1 && line.size() == 0) {
              in.close();
              in = null;
              continue;
            }
            lineNo++;
            String where = files.get(fileIndex).getFileName() + ":" + lineNo;
            return new RawRecord(where, line.toByteArray(), b == '\n', null);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }
}
