package fi.suoja.crypto.tink;

import com.google.crypto.tink.Aead;
import fi.suoja.SuojaConfigurationException;
import fi.suoja.crypto.internal.SecretVariable;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;

/**
 * A Google Tink {@link Aead} over one key of HashiCorp Vault's Transit secrets engine, with the
 * JDK's {@link HttpClient}: the subset Suoja uses, {@code POST /v1/<mount>/encrypt/<key>}, {@code
 * /decrypt/<key>} and {@code /rewrap/<key>}, plaintext in Base64, ciphertext {@code
 * vault:v<n>:...}, and the associated data as Transit's {@code associated_data} parameter (Vault
 * 1.13 and later, for AEAD key types such as the default {@code aes256-gcm96}). Tink publishes no
 * Vault integration to Maven Central, so this small client stands in; it is what Suoja's tests
 * drive against a loopback Transit double (docs/OPERATIONS.md: no real Vault or cloud KMS was
 * exercised).
 *
 * <pre>{@code
 * Aead vault = VaultTransitAead.builder(URI.create("https://vault:8200"), "suoja-master")
 *     .tokenVariable("VAULT_TOKEN")
 *     .build();
 * KeyProvider keys = KeyProvider.kms().key(TinkKeyEncryption.of(1, vault)).build();
 * }</pre>
 *
 * <p>Failures are {@link GeneralSecurityException}s: {@link AEADBadTagException} when Vault answers
 * that the ciphertext does not authenticate (not retried by {@code KeyProvider.kms()}), otherwise
 * the HTTP status or the I/O failure's type. Messages never quote a request or an answer body.
 */
public final class VaultTransitAead implements Aead {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,127}");
  private static final Pattern MOUNT =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,127}(/[A-Za-z0-9][A-Za-z0-9_.\\-]{0,127})*");
  private static final Pattern CIPHERTEXT =
      Pattern.compile("vault:v[1-9][0-9]{0,9}:[A-Za-z0-9+/=]+");
  private static final Base64.Encoder B64 = Base64.getEncoder();

  private final HttpClient http;
  private final URI base;
  private final String keyName;
  private final String token;
  private final Duration requestTimeout;

  private VaultTransitAead(
      HttpClient http, URI base, String keyName, String token, Duration requestTimeout) {
    this.http = http;
    this.base = base;
    this.keyName = keyName;
    this.token = token;
    this.requestTimeout = requestTimeout;
  }

  /**
   * A builder for key {@code keyName} of the Vault at {@code address} (e.g. https://vault:8200).
   */
  public static Builder builder(URI address, String keyName) {
    return new Builder(Objects.requireNonNull(address, "address"), keyName);
  }

  @Override
  public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
    String body =
        "{\"plaintext\":\""
            + B64.encodeToString(plaintext)
            + "\""
            + associatedData(associatedData)
            + "}";
    String ciphertext = field(post("encrypt", body), "ciphertext");
    return ciphertext.getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
    String body =
        "{\"ciphertext\":\"" + ciphertext(ciphertext) + "\"" + associatedData(associatedData) + "}";
    String plaintext = field(post("decrypt", body), "plaintext");
    try {
      return Base64.getDecoder().decode(plaintext);
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("Vault transit answered a plaintext that is not Base64");
    }
  }

  /**
   * Re-encrypts {@code ciphertext} under the newest version of the Vault key (after {@code vault
   * write -f transit/keys/<key>/rotate}) without the plaintext leaving Vault; the associated data
   * stays the same.
   *
   * @throws GeneralSecurityException as {@link #decrypt}
   */
  public byte[] rewrap(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
    String body =
        "{\"ciphertext\":\"" + ciphertext(ciphertext) + "\"" + associatedData(associatedData) + "}";
    return field(post("rewrap", body), "ciphertext").getBytes(StandardCharsets.US_ASCII);
  }

  private static String associatedData(byte[] associatedData) {
    return associatedData == null || associatedData.length == 0
        ? ""
        : ",\"associated_data\":\"" + B64.encodeToString(associatedData) + "\"";
  }

  private static String ciphertext(byte[] ciphertext) throws GeneralSecurityException {
    String s = new String(ciphertext, StandardCharsets.US_ASCII);
    if (!CIPHERTEXT.matcher(s).matches()) {
      throw new AEADBadTagException("not a Vault transit ciphertext");
    }
    return s;
  }

  private String post(String operation, String body) throws GeneralSecurityException {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(operation + "/" + keyName))
            .timeout(requestTimeout)
            .header("X-Vault-Token", token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new GeneralSecurityException(
          "Vault transit " + operation + ": " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GeneralSecurityException("Vault transit " + operation + ": interrupted");
    }
    int status = response.statusCode();
    if (status == 200) {
      return response.body();
    }
    if (status == 400 && response.body().contains("message authentication failed")) {
      throw new AEADBadTagException("Vault transit " + operation + ": does not authenticate");
    }
    throw new GeneralSecurityException("Vault transit " + operation + ": HTTP " + status);
  }

  /** {@code data.<name>} of a Transit answer: a Base64 or {@code vault:} string, never escaped. */
  private static String field(String json, String name) throws GeneralSecurityException {
    int data = json.indexOf("\"data\"");
    Matcher m =
        Pattern.compile("\"" + name + "\"\\s*:\\s*\"([A-Za-z0-9+/=:]*)\"")
            .matcher(data < 0 ? "" : json.substring(data));
    if (!m.find()) {
      throw new GeneralSecurityException("Vault transit answered no data." + name);
    }
    return m.group(1);
  }

  @Override
  public String toString() {
    return "VaultTransitAead[" + base + keyName + "]";
  }

  /** Collects the connection options; {@link #build()} validates. */
  public static final class Builder {
    private final URI address;
    private final String keyName;
    private String mount = "transit";
    private String tokenVariable = "VAULT_TOKEN";
    private char[] token;
    private Duration requestTimeout = Duration.ofSeconds(1);
    private Map<String, String> env = System.getenv();

    private Builder(URI address, String keyName) {
      this.address = address;
      this.keyName = keyName;
    }

    /** Where the Transit engine is mounted (default {@code transit}). */
    public Builder mount(String mount) {
      this.mount = mount;
      return this;
    }

    /** The environment variable that holds the Vault token (default {@code VAULT_TOKEN}). */
    public Builder tokenVariable(String variable) {
      this.tokenVariable = variable;
      this.token = null;
      return this;
    }

    /** The Vault token itself (copied), instead of {@link #tokenVariable}. */
    public Builder token(char[] token) {
      this.token = Objects.requireNonNull(token, "token").clone();
      return this;
    }

    /**
     * Timeout of one HTTP request (default 1 s), below {@code KeyProvider.kms().deadline(...)} so
     * that a hung request leaves time for another attempt.
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = timeout;
      return this;
    }

    Builder environment(Map<String, String> env) {
      this.env = env;
      return this;
    }

    /**
     * Validates and builds; no request is sent yet.
     *
     * @throws SuojaConfigurationException ({@code SUOJA-1055}) naming the first bad option
     */
    public VaultTransitAead build() {
      String scheme = address.getScheme();
      boolean web = "https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme);
      if (!web || address.getHost() == null) {
        throw bad("VaultTransitAead.builder(address, ...): address must be http(s)://host[:port]");
      }
      if (keyName == null || !NAME.matcher(keyName).matches()) {
        throw bad("VaultTransitAead.builder(..., keyName): not a Vault key name");
      }
      if (mount == null || !MOUNT.matcher(mount).matches()) {
        throw bad("VaultTransitAead.builder(...).mount(m): not a Vault mount path");
      }
      if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
        throw bad("VaultTransitAead.builder(...).requestTimeout(d) must be positive");
      }
      String secret =
          token != null
              ? new String(token)
              : SecretVariable.with(
                  env,
                  tokenVariable,
                  "SUOJA-1055",
                  "the Vault token, named by VaultTransitAead.builder(...).tokenVariable(v)",
                  String::new);
      String root = address.toString().replaceAll("/+$", "");
      URI base = URI.create(root + "/v1/" + mount + "/");
      HttpClient http =
          HttpClient.newBuilder()
              .connectTimeout(requestTimeout)
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
      return new VaultTransitAead(http, base, keyName, secret, requestTimeout);
    }

    private static SuojaConfigurationException bad(String message) {
      return new SuojaConfigurationException("SUOJA-1055", message);
    }
  }
}
