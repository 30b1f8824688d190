package fi.suoja.multinode;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the harness's own (initdb into target/, its own port), so that a scenario
 * can restart it: the machine's shared server is never touched. initdb and pg_ctl refuse root, so
 * when the test runs as root they run as the {@code postgres} OS user through {@code runuser}.
 */
final class OwnPostgres implements AutoCloseable {
  final Path dir;
  final int port;
  private final Path bin;
  private final boolean asPostgresUser;

  private OwnPostgres(Path bin, Path dir, int port, boolean asPostgresUser) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.asPostgresUser = asPostgresUser;
  }

  /** The reason it cannot be started here, or empty when it can. */
  static Optional<String> unavailable() {
    if (binaries().isEmpty()) {
      return Optional.of("no PostgreSQL server binaries under /usr/lib/postgresql/*/bin");
    }
    return Optional.empty();
  }

  private static Optional<Path> binaries() {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(
              b ->
                  Files.isExecutable(b.resolve("pg_ctl"))
                      && Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.naturalOrder());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static OwnPostgres start() throws IOException {
    Path bin = binaries().orElseThrow();
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir =
        Files.createDirectories(Path.of("target", "multinode").toAbsolutePath())
            .resolve("pg-" + System.nanoTime());
    Files.createDirectories(dir);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    OwnPostgres pg = new OwnPostgres(bin, dir, port, root);
    if (root) {
      run(List.of("chown", "postgres", dir.toString()), 30);
    }
    pg.run(
        120,
        "initdb",
        "-D",
        dir.resolve("data").toString(),
        "-U",
        "postgres",
        "-A",
        "trust",
        "--no-sync");
    pg.startServer();
    return pg;
  }

  String url() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres&connectTimeout=5";
  }

  void startServer() throws IOException {
    run(
        120,
        "pg_ctl",
        "-D",
        dir.resolve("data").toString(),
        "-w",
        "-l",
        dir.resolve("log").toString(),
        "-o",
        "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off",
        "start");
  }

  void stopServer() throws IOException {
    run(120, "pg_ctl", "-D", dir.resolve("data").toString(), "-w", "-m", "fast", "stop");
  }

  private void run(int seconds, String tool, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    if (asPostgresUser) {
      cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    cmd.add(bin.resolve(tool).toString());
    cmd.addAll(List.of(args));
    run(cmd, seconds);
  }

  private static void run(List<String> cmd, int seconds) throws IOException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    boolean exited;
    try {
      exited = p.waitFor(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (!exited || p.exitValue() != 0) {
      throw new IllegalStateException(cmd.get(cmd.size() - 1) + " failed: " + out);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      stopServer();
    } catch (IllegalStateException e) {
      // already stopped
    }
  }
}
