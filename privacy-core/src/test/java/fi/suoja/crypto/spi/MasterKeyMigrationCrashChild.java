package fi.suoja.crypto.spi;

import fi.suoja.crypto.MasterKeyMigration;
import fi.suoja.crypto.testing.MigrationRows;
import java.nio.file.Path;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Run in a child JVM by {@link MasterKeyMigrationCrashTest}: migrates the key table of a file H2
 * database slowly, printing "key <scanned> <rewrapped>" after each key, until it is killed.
 * Arguments: jdbc url, key table, source PKCS#12 file, target PKCS#12 file, pause ms.
 */
public final class MasterKeyMigrationCrashChild {
  private MasterKeyMigrationCrashChild() {}

  public static void main(String[] args) throws Exception {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL(args[0]);
    WrappedKeyStore store = JdbcWrappedKeyStore.builder(ds).table(args[1]).build();
    long pause = Long.parseLong(args[4]);
    MasterKeyMigration.builder(store)
        .source(KeyProvider.pkcs12(Path.of(args[2]), MigrationRows.PASSWORD))
        .target(KeyProvider.pkcs12(Path.of(args[3]), MigrationRows.PASSWORD), 2)
        .listener(
            p -> {
              System.out.println("key " + p.scanned() + " " + p.rewrapped());
              System.out.flush();
              try {
                Thread.sleep(pause);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            })
        .build()
        .run();
    System.out.println("done");
  }
}
