package fi.suoja.crypto.tink;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A loopback HTTP server speaking the subset of HashiCorp Vault's Transit API that Suoja uses, with
 * real AES-256-GCM (as Transit's {@code aes256-gcm96}: a 12-byte nonce prefixed, {@code
 * vault:v<n>:} and the Base64 of nonce || ciphertext || tag), keys versioned and rotatable:
 *
 * <ul>
 *   <li>{@code POST /v1/transit/encrypt/<key>} {@code {"plaintext": b64, "associated_data": b64}}
 *       -> {@code {"data": {"ciphertext": "vault:v1:..."}}}
 *   <li>{@code POST /v1/transit/decrypt/<key>} {@code {"ciphertext": ..., "associated_data": ...}}
 *       -> {@code {"data": {"plaintext": b64}}}; HTTP 400 {@code {"errors": ["cipher: message
 *       authentication failed"]}} when it does not authenticate
 *   <li>{@code POST /v1/transit/rewrap/<key>} -> the ciphertext under the newest key version
 *   <li>{@code X-Vault-Token} checked: HTTP 403 otherwise
 * </ul>
 *
 * <p>Faults are injected per request: a fixed latency, HTTP 500/503, a connection closed without an
 * answer, or a delay past any client timeout. Every request is counted per operation.
 */
final class VaultTransitDouble implements AutoCloseable {
  static final String TOKEN = "s.suoja-test-token";

  /** What the next requests meet. */
  enum Fault {
    NONE,
    HTTP_500,
    HTTP_503,
    CLOSE_CONNECTION,
    HANG
  }

  private static final Pattern PATH =
      Pattern.compile("/v1/transit/(encrypt|decrypt|rewrap)/([A-Za-z0-9_.\\-]+)");
  private static final Pattern CIPHERTEXT = Pattern.compile("vault:v([0-9]+):([A-Za-z0-9+/=]+)");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(16);
  private final Map<String, List<byte[]>> keys = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private volatile Fault fault = Fault.NONE;
  private final AtomicInteger faultsLeft = new AtomicInteger();
  private volatile long latencyMillis;

  VaultTransitDouble() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/transit/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  URI address() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Creates (or rotates) key {@code name}: a new random AES-256 version. */
  synchronized int rotate(String name) {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    List<byte[]> versions = keys.computeIfAbsent(name, n -> new ArrayList<>());
    versions.add(key);
    return versions.size();
  }

  /** Every request meets {@code fault} until {@link #heal()}. */
  void fail(Fault fault) {
    failNext(fault, Integer.MAX_VALUE);
  }

  /** The next {@code count} requests meet {@code fault}, then the server answers again. */
  void failNext(Fault fault, int count) {
    faultsLeft.set(count);
    this.fault = fault;
  }

  void heal() {
    fault = Fault.NONE;
    faultsLeft.set(0);
  }

  void latency(long millis) {
    latencyMillis = millis;
  }

  /** Requests received for {@code operation} (encrypt, decrypt, rewrap), faulty ones included. */
  int calls(String operation) {
    AtomicInteger n = calls.get(operation);
    return n == null ? 0 : n.get();
  }

  void resetCounts() {
    calls.clear();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
      if (!"POST".equals(exchange.getRequestMethod()) || !path.matches()) {
        send(exchange, 404, "{\"errors\":[]}");
        return;
      }
      String operation = path.group(1);
      calls.computeIfAbsent(operation, o -> new AtomicInteger()).incrementAndGet();
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (latencyMillis > 0) {
        sleep(latencyMillis);
      }
      Fault now = fault;
      if (now != Fault.NONE && faultsLeft.getAndDecrement() > 0) {
        switch (now) {
          case HTTP_500 -> send(exchange, 500, "{\"errors\":[\"internal error\"]}");
          case HTTP_503 -> send(exchange, 503, "{\"errors\":[\"Vault is sealed\"]}");
          case CLOSE_CONNECTION -> {
            // no status line at all: the client sees the connection end mid-exchange
          }
          case HANG -> sleep(60_000);
          default -> throw new IllegalStateException();
        }
        return;
      }
      if (!TOKEN.equals(exchange.getRequestHeaders().getFirst("X-Vault-Token"))) {
        send(exchange, 403, "{\"errors\":[\"permission denied\"]}");
        return;
      }
      List<byte[]> versions = keys.get(path.group(2));
      if (versions == null) {
        send(exchange, 400, "{\"errors\":[\"encryption key not found\"]}");
        return;
      }
      byte[] aad = decode(field(body, "associated_data"), new byte[0]);
      try {
        switch (operation) {
          case "encrypt" -> {
            byte[] plaintext = decode(field(body, "plaintext"), null);
            send(exchange, 200, data("ciphertext", seal(versions, plaintext, aad)));
          }
          case "decrypt" -> {
            byte[] plaintext = open(versions, field(body, "ciphertext"), aad);
            send(exchange, 200, data("plaintext", Base64.getEncoder().encodeToString(plaintext)));
          }
          default -> { // rewrap
            byte[] plaintext = open(versions, field(body, "ciphertext"), aad);
            send(exchange, 200, data("ciphertext", seal(versions, plaintext, aad)));
          }
        }
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        send(exchange, 400, "{\"errors\":[\"cipher: message authentication failed\"]}");
      }
    }
  }

  private static String seal(List<byte[]> versions, byte[] plaintext, byte[] aad)
      throws GeneralSecurityException {
    int version;
    byte[] key;
    synchronized (versions) {
      version = versions.size();
      key = versions.get(version - 1);
    }
    byte[] nonce = new byte[12];
    RANDOM.nextBytes(nonce);
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
    gcm.updateAAD(aad);
    byte[] sealed = gcm.doFinal(plaintext);
    byte[] out = new byte[12 + sealed.length];
    System.arraycopy(nonce, 0, out, 0, 12);
    System.arraycopy(sealed, 0, out, 12, sealed.length);
    return "vault:v" + version + ":" + Base64.getEncoder().encodeToString(out);
  }

  private static byte[] open(List<byte[]> versions, String ciphertext, byte[] aad)
      throws GeneralSecurityException {
    Matcher m = CIPHERTEXT.matcher(ciphertext == null ? "" : ciphertext);
    if (!m.matches()) {
      throw new GeneralSecurityException("not a ciphertext");
    }
    int version = Integer.parseInt(m.group(1));
    byte[] key;
    synchronized (versions) {
      if (version < 1 || version > versions.size()) {
        throw new GeneralSecurityException("no such key version");
      }
      key = versions.get(version - 1);
    }
    byte[] in = Base64.getDecoder().decode(m.group(2));
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(
        Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, in, 0, 12));
    gcm.updateAAD(aad);
    return gcm.doFinal(in, 12, in.length - 12);
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
    return m.find() ? m.group(1) : null;
  }

  private static byte[] decode(String b64, byte[] absent) {
    return b64 == null ? absent : Base64.getDecoder().decode(b64);
  }

  private static String data(String name, String value) {
    return "{\"request_id\":\"x\",\"data\":{\"" + name + "\":\"" + value + "\"}}";
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
