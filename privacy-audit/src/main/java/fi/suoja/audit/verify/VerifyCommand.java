package fi.suoja.audit.verify;

import fi.suoja.audit.AuditException;
import fi.suoja.audit.ChainKey;
import fi.suoja.audit.internal.UrlDataSource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * Command-line verifier, the main class of the self-contained {@code privacy-audit-*-verifier.jar}
 * (Jackson, SLF4J and the H2, PostgreSQL and MariaDB drivers inside).
 *
 * <pre>
 * java -jar privacy-audit-&lt;version&gt;-verifier.jar verify &lt;dir|file|jdbc-url&gt;
 *   [--table NAME] [--checkpoints DIR] [--public-key FILE] [--chain-key FILE]
 *   [--no-require-checkpoints]
 * </pre>
 *
 * <p>The leading {@code verify} is optional (the class can also be run with {@code java -cp}).
 *
 * <p>{@code --public-key}: Ed25519 public key, X.509 PEM or DER. {@code --chain-key}: base64 of the
 * chain key bytes. Prints one line per chain ({@code OK} or {@code BROKEN} with the first bad
 * record and why). Exit status: 0 all chains intact, 1 a chain is broken, 2 bad arguments or
 * unreadable input.
 */
public final class VerifyCommand {
  private VerifyCommand() {}

  /** Entry point; exits with the status of {@link #run}. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command, printing to {@code out}/{@code err}; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    String target = null;
    String table = "suoja_audit";
    Path checkpoints = null;
    Path publicKeyFile = null;
    Path chainKeyFile = null;
    Boolean require = null;
    try {
      int first = args.length > 0 && args[0].equals("verify") ? 1 : 0;
      for (int i = first; i < args.length; i++) {
        switch (args[i]) {
          case "--table" -> table = value(args, ++i);
          case "--checkpoints" -> checkpoints = Path.of(value(args, ++i));
          case "--public-key" -> publicKeyFile = Path.of(value(args, ++i));
          case "--chain-key" -> chainKeyFile = Path.of(value(args, ++i));
          case "--no-require-checkpoints" -> require = false;
          default -> {
            if (args[i].startsWith("--") || target != null) {
              throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            target = args[i];
          }
        }
      }
      if (target == null) {
        throw new IllegalArgumentException("missing <dir|file|jdbc-url>");
      }
    } catch (IllegalArgumentException e) {
      err.println(
          "usage: java -jar privacy-audit-<version>-verifier.jar verify"
              + " <dir|file|jdbc-url> [--table NAME] [--checkpoints DIR] [--public-key FILE]"
              + " [--chain-key FILE] [--no-require-checkpoints]");
      err.println(e.getMessage());
      return 2;
    }
    try {
      AuditVerifier.Builder b = AuditVerifier.builder();
      if (publicKeyFile != null) {
        b.checkpointKey(readPublicKey(publicKeyFile));
      }
      if (chainKeyFile != null) {
        b.chainKey(readChainKey(chainKeyFile));
      }
      if (require != null) {
        b.requireCheckpoints(require);
      }
      AuditVerifier verifier = b.build();
      List<Verification> results;
      if (target.startsWith("jdbc:")) {
        UrlDataSource ds = new UrlDataSource(target);
        results = verifier.verifyTable(ds, table, ds);
      } else {
        Path trail = Path.of(target);
        results = verifier.verifyFiles(trail, checkpoints);
      }
      if (results.isEmpty()) {
        err.println(
            "no audit chains found in " + (target.startsWith("jdbc:") ? "table " + table : target));
        return 2;
      }
      int status = 0;
      for (Verification v : results) {
        if (v instanceof Verification.Intact ok) {
          out.printf(
              "OK      chain %s: %d records, %d anchored by signed checkpoints, root %s%n",
              ok.chainId(), ok.records(), ok.anchored(), ok.rootHash());
        } else if (v instanceof Verification.Broken bad) {
          out.printf(
              "BROKEN  chain %s: %s at record %d (%s): %s%n",
              bad.chainId(), bad.problem(), bad.position(), bad.location(), bad.detail());
          status = 1;
        }
      }
      return status;
    } catch (AuditException e) {
      err.println(e.getMessage());
      return 2;
    }
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException("option " + args[i - 1] + " needs a value");
    }
    return args[i];
  }

  /**
   * Reads an Ed25519 public key (X.509 SubjectPublicKeyInfo, PEM or DER), as {@code --public-key}
   * does; shared with the {@code suoja audit verify} command.
   *
   * @throws AuditException {@code SUOJA-4010} if the file cannot be read, {@code SUOJA-4021} if it
   *     holds no Ed25519 public key
   */
  public static PublicKey readPublicKey(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new AuditException("SUOJA-4010", "cannot read public key file " + file, e);
    }
    String text = new String(bytes, StandardCharsets.US_ASCII);
    if (text.contains("-----BEGIN")) {
      String b64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      try {
        bytes = Base64.getDecoder().decode(b64);
      } catch (IllegalArgumentException e) {
        throw new AuditException("SUOJA-4021", "public key file " + file + " is not valid PEM");
      }
    }
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(bytes));
    } catch (GeneralSecurityException e) {
      throw new AuditException(
          "SUOJA-4021", "public key file " + file + " does not hold an Ed25519 public key", e);
    }
  }

  /**
   * Reads a chain key stored as base64 text, as {@code --chain-key} does; shared with the {@code
   * suoja audit verify} command.
   *
   * @throws AuditException {@code SUOJA-4010} if the file cannot be read, {@code SUOJA-4021} if it
   *     is not base64 (or {@code SUOJA-4020} if the key is shorter than 32 bytes)
   */
  public static ChainKey readChainKey(Path file) {
    try {
      return ChainKey.of(Base64.getDecoder().decode(Files.readString(file).trim()));
    } catch (IOException e) {
      throw new AuditException("SUOJA-4010", "cannot read chain key file " + file, e);
    } catch (IllegalArgumentException e) {
      throw new AuditException("SUOJA-4021", "chain key file " + file + " is not base64");
    }
  }
}
