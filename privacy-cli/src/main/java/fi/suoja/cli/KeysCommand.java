package fi.suoja.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.jpa.TenantOffboarding;
import fi.suoja.policy.Purpose;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code suoja keys}: master keys. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Master keys: create, re-wrap, retire. Tenant keys: rotate, destroy.",
    subcommands = {
      KeysCommand.CreateMaster.class,
      KeysMigrationCommands.Rewrap.class,
      KeysMigrationCommands.Retire.class,
      KeysRotateCommand.class,
      KeysCommand.Shred.class
    })
final class KeysCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "a command is required (create-master, rewrap, retire, rotate, shred)");
  }

  /** {@code suoja keys create-master}: a new PKCS#12 store for {@code KeyProvider.pkcs12}. */
  @Command(
      name = "create-master",
      mixinStandardHelpOptions = true,
      description = {
        "Creates a PKCS#12 key store holding a new random AES-256 master key, entry"
            + " suoja-master-<version>, protected by the password in the environment variable"
            + " --password-env names; the file is created readable by its owner only and is never"
            + " overwritten. The store is opened again through KeyProvider.pkcs12 before the"
            + " command reports success.",
        "Open it in the application with KeyProvider.pkcs12(Path.of(FILE), \"VAR\") (or the"
            + " Spring Boot property suoja.master-key.location). Back up the file and keep the"
            + " password apart from it: data sealed under the key cannot be opened without both."
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
        SuojaCommand.EXIT_CODES_0,
        "2:bad arguments, the password variable unset or shorter than 12 characters, the file"
            + " exists (SUOJA-9030)",
        "3:the file cannot be written or does not open again (SUOJA-9031)",
        SuojaCommand.EXIT_CODES_70
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  read -rs SUOJA_KEYSTORE_PASSWORD && export SUOJA_KEYSTORE_PASSWORD",
        "  suoja keys create-master --pkcs12 /etc/care/suoja.p12 --password-env"
            + " SUOJA_KEYSTORE_PASSWORD",
        "  suoja keys create-master --pkcs12 suoja-v2.p12 --password-env SUOJA_KEYSTORE_PASSWORD"
            + " --key-version 2 --json"
      })
  static final class CreateMaster extends Base {
    static final int MIN_PASSWORD = 12;

    @Option(
        names = "--pkcs12",
        required = true,
        paramLabel = "FILE",
        description = "The key store file to create (must not exist).")
    Path file;

    @Option(
        names = "--password-env",
        required = true,
        paramLabel = "VAR",
        description = "Environment variable holding the key store password (12+ characters).")
    String passwordEnv;

    @Option(
        names = "--key-version",
        paramLabel = "N",
        defaultValue = "1",
        description = "Master key version, the entry suoja-master-<N> (default: ${DEFAULT-VALUE}).")
    int version;

    @Override
    int execute() {
      if (version < 1 || version > 999_999_999) {
        throw new CliException(
            "SUOJA-9001", SuojaCommand.USAGE, "--key-version must be between 1 and 999999999");
      }
      String value = env().get(passwordEnv);
      if (value == null) {
        throw new CliException(
            "SUOJA-9003",
            SuojaCommand.USAGE,
            "environment variable " + passwordEnv + " (named by --password-env) is not set");
      }
      if (value.length() < MIN_PASSWORD) {
        throw new CliException(
            "SUOJA-9032",
            SuojaCommand.USAGE,
            "the key store password in "
                + passwordEnv
                + " is shorter than "
                + MIN_PASSWORD
                + " characters");
      }
      String name = String.valueOf(file.getFileName());
      if (Files.exists(file)) {
        throw refuse(name);
      }
      String alias = "suoja-master-" + version;
      char[] password = value.toCharArray();
      try {
        byte[] store = newStore(alias, password);
        write(file, store, name);
        try {
          KeyProvider.pkcs12(file, password).masterKey(version);
        } catch (RuntimeException e) {
          deleteQuietly(file);
          throw new CliException(
              "SUOJA-9031",
              SuojaCommand.UNAVAILABLE,
              "the new key store " + name + " does not open through KeyProvider.pkcs12; removed");
        }
      } finally {
        Arrays.fill(password, '\0');
      }
      if (json) {
        ObjectNode root = Output.object();
        root.put("ok", true);
        root.put("file", file.toString());
        root.put("entry", alias);
        root.put("version", version);
        out().println(Output.write(root));
      } else {
        out()
            .println(
                "created "
                    + file
                    + ": PKCS#12 key store with master key version "
                    + version
                    + " (entry "
                    + alias
                    + ", AES-256)");
        out()
            .println(
                "open it with KeyProvider.pkcs12(path, \""
                    + passwordEnv
                    + "\"); back up the file and keep the password apart from it");
      }
      return SuojaCommand.OK;
    }

    private static byte[] newStore(String alias, char[] password) {
      try {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256, new SecureRandom());
        SecretKey key = generator.generateKey();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setEntry(
            alias,
            new KeyStore.SecretKeyEntry(key),
            new KeyStore.PasswordProtection(password.clone()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        store.store(bytes, password);
        return bytes.toByteArray();
      } catch (GeneralSecurityException | IOException e) {
        throw new CliException(
            "SUOJA-9031",
            SuojaCommand.UNAVAILABLE,
            "cannot create a PKCS#12 key store in this JVM (" + e.getClass().getSimpleName() + ")");
      }
    }

    /** Creates the file (owner-only where POSIX permissions exist); never replaces one. */
    private static void write(Path file, byte[] store, String name) {
      try {
        boolean posix =
            file.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix) {
          Files.createFile(
              file,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
          Files.createFile(file);
        }
      } catch (FileAlreadyExistsException e) {
        throw refuse(name);
      } catch (IOException e) {
        throw new CliException(
            "SUOJA-9031",
            SuojaCommand.UNAVAILABLE,
            "cannot create " + name + " (" + e.getClass().getSimpleName() + ")");
      }
      try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
        out.write(store);
      } catch (IOException e) {
        deleteQuietly(file);
        throw new CliException(
            "SUOJA-9031",
            SuojaCommand.UNAVAILABLE,
            "cannot write " + name + " (" + e.getClass().getSimpleName() + "); removed");
      }
    }

    private static CliException refuse(String name) {
      return new CliException(
          "SUOJA-9030",
          SuojaCommand.USAGE,
          name
              + " exists: a key store is never overwritten (it may hold the only copy of a"
              + " master key); choose another file or move the old one yourself");
    }

    private static void deleteQuietly(Path file) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // reported by the caller's message; the operator removes it
      }
    }
  }

  /** {@code suoja keys shred}: {@link TenantOffboarding#destroyKeys}. */
  @Command(
      name = "shred",
      mixinStandardHelpOptions = true,
      description = {
        "Destroys every stored key of one tenant (TenantOffboarding.destroyKeys): its data keys,"
            + " blind-index keys and subject keys are deleted from the wrapped-key table, so every"
            + " value sealed for the tenant - in the database, replicas and backups - stops"
            + " opening for good. The destruction record goes to the audit table first: one"
            + " TENANT_OFFBOARDED event (the policy's decision for the actor: OFFBOARD, the care"
            + " policy's ORG_ADMIN of the tenant) and one KEY_DESTROYED event per key.",
        "Irreversible: export what must be kept first (TenantOffboarding.export). --confirm-tenant"
            + " must repeat --tenant."
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
        SuojaCommand.EXIT_CODES_0,
        "2:bad arguments; --confirm-tenant differs from --tenant (SUOJA-9073); the policy refused"
            + " OFFBOARD (nothing destroyed)",
        "3:database, key store or Suoja's tables unavailable; the destruction could not be"
            + " audited (SUOJA-6313)",
        SuojaCommand.EXIT_CODES_70
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  suoja keys shred jdbc:postgresql://db/care --classpath care-app.jar --master-key"
            + " /etc/care/suoja.p12 --actor admin.korhonen --tenant org-17 --confirm-tenant org-17",
        "  suoja keys shred jdbc:postgresql://db/care --classpath care-app.jar --master-key"
            + " /etc/care/suoja.p12 --actor admin.korhonen --tenant org-17 --confirm-tenant org-17"
            + " --json"
      })
  static final class Shred extends HostJob {
    @Option(
        names = "--confirm-tenant",
        required = true,
        paramLabel = "TENANT",
        description = "The tenant again: nothing is destroyed unless it equals --tenant.")
    String confirm;

    @Override
    int execute() {
      String tenant = who.tenant(host);
      if (tenant == null || !tenant.equals(confirm)) {
        throw new CliException(
            "SUOJA-9073",
            SuojaCommand.USAGE,
            "--confirm-tenant must repeat --tenant exactly: nothing was destroyed");
      }
      List<String> destroyed =
          runAs(
              Purpose.ADMINISTRATION,
              h ->
                  TenantOffboarding.builder(h.sessionFactory())
                      .keyStore(h.keyStore())
                      .build()
                      .destroyKeys(tenant));
      if (json) {
        ObjectNode root = Output.object();
        root.put("ok", true);
        root.put("tenant", tenant);
        ArrayNode keys = root.putArray("destroyed");
        destroyed.forEach(keys::add);
        out().println(Output.write(root));
      } else {
        out()
            .println(
                "tenant "
                    + tenant
                    + ": "
                    + destroyed.size()
                    + " key(s) destroyed; the destruction is recorded in the audit table");
        destroyed.forEach(k -> out().println("  DESTROYED " + k));
      }
      return SuojaCommand.OK;
    }
  }
}
