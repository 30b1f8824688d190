package fi.suoja.audit.kafka;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one process), run as a
 * child JVM from the Kafka jars on the test class path (Maven artifacts, no Docker), listening on
 * loopback only, with its log directory under a temporary directory. It can be killed (kill -9) and
 * restarted on the same ports and log directory.
 */
final class KafkaBroker implements AutoCloseable {
  private final Path dir;
  private final int port;
  private final int controllerPort;
  private final Path config;
  private Process process;
  private int starts;

  private KafkaBroker(Path dir) throws IOException {
    this.dir = dir;
    this.port = freePort();
    this.controllerPort = freePort();
    this.config = dir.resolve("server.properties");
    Files.writeString(
        config,
        String.join(
                "\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:"
                    + port
                    + ",CONTROLLER://127.0.0.1:"
                    + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dir.resolve("logs").toAbsolutePath(),
                "num.partitions=1",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "")
            .replace("\n", System.lineSeparator()));
  }

  /** Formats a fresh log directory and starts the broker; waits until it serves requests. */
  static KafkaBroker start(Path dir) throws Exception {
    KafkaBroker b = new KafkaBroker(dir);
    Process format =
        b.java(
                "kafka.tools.StorageTool",
                "format",
                "-t",
                Uuid.randomUuid().toString(),
                "-c",
                b.config.toString())
            .redirectOutput(dir.resolve("format.log").toFile())
            .redirectErrorStream(true)
            .start();
    if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
      format.destroyForcibly();
      throw new IllegalStateException(
          "kafka storage format failed: " + Files.readString(dir.resolve("format.log")));
    }
    b.startProcess();
    return b;
  }

  private ProcessBuilder java(String main, String... args) {
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-Xshare:auto");
    cmd.add("-Djava.net.preferIPv4Stack=true");
    cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add(main);
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).directory(dir.toFile());
  }

  private void startProcess() throws Exception {
    starts++;
    File log = dir.resolve("broker-" + starts + ".log").toFile();
    process =
        java("kafka.Kafka", config.toString())
            .redirectOutput(log)
            .redirectErrorStream(true)
            .start();
    Process started = process;
    // never leave a broker behind when the test JVM exits without @AfterAll (a killed build)
    Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
    awaitReady(Duration.ofSeconds(90));
  }

  private void awaitReady(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("kafka broker exited: see " + dir);
      }
      try (Admin admin = admin()) {
        admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
        admin.listTopics().names().get(5, TimeUnit.SECONDS);
        return;
      } catch (Exception e) {
        last = e;
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException("kafka broker not ready within " + timeout, last);
  }

  Admin admin() {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers(),
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
            "5000",
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            "5000"));
  }

  /** Creates topics with one partition each (replication factor 1). */
  void createTopics(String... names) throws Exception {
    List<NewTopic> topics = new ArrayList<>();
    for (String n : names) {
      topics.add(new NewTopic(n, 1, (short) 1));
    }
    try (Admin admin = admin()) {
      admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
    }
  }

  String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** Kills the broker process (kill -9: no controlled shutdown) and waits for it to exit. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** Starts the broker again on the same ports and log directory. */
  void restart() throws Exception {
    if (process.isAlive()) {
      kill();
    }
    startProcess();
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          process.waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
