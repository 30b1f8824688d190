package fi.suoja.jpa;

import fi.suoja.crypto.spi.JdbcWrappedKeyStore;
import fi.suoja.jpa.model.Client;
import java.util.HexFormat;
import java.util.Map;

/**
 * Run in a child JVM by {@link PlaintextMigrationCrashTest}: migrates the Client table of a file H2
 * database slowly, printing "batch <scanned>" after each commit, until it is killed. Arguments:
 * jdbc url, master key hex, table prefix, key table, batch size, pause ms.
 */
public final class MigrationCrashChild {
  private MigrationCrashChild() {}

  public static void main(String[] args) throws Exception {
    Database db = new Database("h2-file", args[0], null);
    byte[] master = HexFormat.of().parseHex(args[1]);
    int batch = Integer.parseInt(args[4]);
    long pause = Long.parseLong(args[5]);
    JdbcWrappedKeyStore keys =
        JdbcWrappedKeyStore.builder(new UrlDataSource(args[0])).table(args[3]).build();
    try (OpsFixture f =
        new OpsFixture(
            db,
            args[2],
            master,
            keys,
            "none",
            Map.of(SuojaJpaSettings.LEGACY_PLAINTEXT, "read"),
            Client.class)) {
      PlaintextMigration.builder(f.sessions)
          .batchSize(batch)
          .listener(
              p -> {
                System.out.println("batch " + p.scanned());
                System.out.flush();
                try {
                  Thread.sleep(pause);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              })
          .build()
          .run(Client.class);
      System.out.println("done");
    }
  }
}
