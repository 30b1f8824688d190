package fi.suoja.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fi.suoja.crypto.MasterKeyMigration;
import fi.suoja.crypto.spi.JdbcWrappedKeyStore;
import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.WrappedKeyStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code suoja keys rewrap} and {@code suoja keys retire}: master-key migration. */
final class KeysMigrationCommands {
  private KeysMigrationCommands() {}

  /** The key store database and the source and target PKCS#12 master keys. */
  abstract static class MigrationCommand extends Base {
    @Parameters(
        index = "0",
        paramLabel = "<jdbc-url>",
        description = "JDBC URL of the database holding the wrapped-key table (no credentials).")
    String url;

    @Option(
        names = "--key-table",
        paramLabel = "NAME",
        defaultValue = JdbcWrappedKeyStore.DEFAULT_TABLE,
        description = "Wrapped-key table name (default: ${DEFAULT-VALUE}).")
    String keyTable;

    @Mixin DatabaseOptions database;

    @Option(
        names = "--to-pkcs12",
        required = true,
        paramLabel = "FILE",
        description = "PKCS#12 key store holding the new master key (suoja-master-<N>).")
    Path toFile;

    @Option(
        names = "--to-password-env",
        required = true,
        paramLabel = "VAR",
        description = "Environment variable holding the password of --to-pkcs12.")
    String toPasswordEnv;

    @Option(
        names = "--to-version",
        required = true,
        paramLabel = "N",
        description = "The new master key version every key is moved to.")
    int toVersion;

    WrappedKeyStore store() {
      return JdbcWrappedKeyStore.builder(database.open(url, env())).table(keyTable).build();
    }

    KeyProvider pkcs12(Path file, String variable, String option) {
      if (!Files.isReadable(file)) {
        throw new CliException(
            "SUOJA-6315",
            SuojaCommand.USAGE,
            option + " " + file.getFileName() + " does not exist or cannot be read");
      }
      String value = env().get(variable);
      if (value == null) {
        throw new CliException(
            "SUOJA-6315",
            SuojaCommand.USAGE,
            "environment variable " + variable + " (the password of " + option + ") is not set");
      }
      char[] password = value.toCharArray();
      try {
        return KeyProvider.pkcs12(file, password);
      } finally {
        Arrays.fill(password, '\0');
      }
    }

    MasterKeyMigration.Builder builder(WrappedKeyStore store, KeyProvider source) {
      return MasterKeyMigration.builder(store)
          .source(source)
          .target(pkcs12(toFile, toPasswordEnv, "--to-pkcs12"), toVersion);
    }
  }

  /** {@code suoja keys rewrap}. */
  @Command(
      name = "rewrap",
      mixinStandardHelpOptions = true,
      description = {
        "Re-wraps every stored key (tenant data keys, subject keys, subject reference keys) under"
            + " a new master key version, then verifies that every key unwraps under it. Touches"
            + " no data row. Idempotent: a run that was interrupted (or killed) is completed by"
            + " running it again; keys already under the new version are skipped.",
        "Switch every node to the new version once it succeeded, run it once more (a node may"
            + " have created a key under the old one meanwhile), then run 'keys retire'."
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
        SuojaCommand.EXIT_CODES_0,
        "2:bad arguments, a key store that cannot be read or lacks the version (SUOJA-6315,"
            + " SUOJA-1061)",
        "3:the database or a key is unavailable, a key does not unwrap under the source or the"
            + " target (SUOJA-1058..1060); the keys moved so far stay moved",
        SuojaCommand.EXIT_CODES_70
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  suoja keys rewrap jdbc:postgresql://db/care --from-pkcs12 suoja.p12"
            + " --from-password-env OLD_PASSWORD --to-pkcs12 suoja-v2.p12 --to-password-env"
            + " NEW_PASSWORD --to-version 2"
      })
  static final class Rewrap extends MigrationCommand {
    @Option(
        names = "--from-pkcs12",
        required = true,
        paramLabel = "FILE",
        description = "PKCS#12 key store holding the master key versions the keys are under now.")
    Path fromFile;

    @Option(
        names = "--from-password-env",
        required = true,
        paramLabel = "VAR",
        description = "Environment variable holding the password of --from-pkcs12.")
    String fromPasswordEnv;

    @Override
    int execute() {
      WrappedKeyStore store = store();
      KeyProvider source = pkcs12(fromFile, fromPasswordEnv, "--from-pkcs12");
      long[] last = {0};
      MasterKeyMigration migration =
          builder(store, source)
              .listener(
                  p -> {
                    if (!json && p.scanned() - last[0] >= 100) {
                      last[0] = p.scanned();
                      err()
                          .println("scanned " + p.scanned() + " keys, re-wrapped " + p.rewrapped());
                    }
                  })
              .build();
      MasterKeyMigration.Progress done = migration.run();
      MasterKeyMigration.Verification verified = migration.verify();
      if (json) {
        ObjectNode root = Output.object();
        root.put("ok", true);
        root.put("targetVersion", toVersion);
        root.put("scanned", done.scanned());
        root.put("rewrapped", done.rewrapped());
        root.put("skipped", done.skipped());
        root.put("verifiedKeys", verified.keys());
        out().println(Output.write(root));
      } else {
        out()
            .println(
                "re-wrapped "
                    + done.rewrapped()
                    + " of "
                    + done.scanned()
                    + " keys under master key version "
                    + toVersion
                    + " ("
                    + done.skipped()
                    + " were already); verified "
                    + verified.keys()
                    + " keys");
      }
      return SuojaCommand.OK;
    }
  }

  /** {@code suoja keys retire}. */
  @Command(
      name = "retire",
      mixinStandardHelpOptions = true,
      description = {
        "Records an old master key version as retired in the wrapped-key table, after verifying"
            + " that every stored key is under the new version and unwraps there. From then on"
            + " every Suoja runtime on that table refuses the old version (SUOJA-1056), even if a"
            + " key store still holds it. Destroy the old key in its key store afterwards."
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
        SuojaCommand.EXIT_CODES_0,
        "2:bad arguments (SUOJA-6315, SUOJA-1061)",
        "3:the database is unavailable, or a key is still under the old version or not under"
            + " the new one (SUOJA-1057, SUOJA-1060): nothing was retired",
        SuojaCommand.EXIT_CODES_70
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  suoja keys retire jdbc:postgresql://db/care --master-version 1 --to-pkcs12"
            + " suoja-v2.p12 --to-password-env NEW_PASSWORD --to-version 2"
      })
  static final class Retire extends MigrationCommand {
    @Option(
        names = "--master-version",
        required = true,
        paramLabel = "N",
        description = "The old master key version to retire.")
    int version;

    @Override
    int execute() {
      WrappedKeyStore store = store();
      KeyProvider target = pkcs12(toFile, toPasswordEnv, "--to-pkcs12");
      MasterKeyMigration migration = builder(store, target).build();
      long keys = migration.verify().keys();
      boolean recorded = migration.retire(version);
      if (json) {
        ObjectNode root = Output.object();
        root.put("ok", true);
        root.put("retiredVersion", version);
        root.put("newlyRetired", recorded);
        root.put("verifiedKeys", keys);
        out().println(Output.write(root));
      } else {
        out()
            .println(
                "master key version "
                    + version
                    + (recorded ? " is now retired" : " was retired already")
                    + "; "
                    + keys
                    + " keys verified under version "
                    + toVersion);
      }
      return SuojaCommand.OK;
    }
  }
}
