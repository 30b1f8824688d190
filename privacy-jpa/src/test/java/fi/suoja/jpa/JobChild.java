package fi.suoja.jpa;

import fi.suoja.crypto.spi.JdbcWrappedKeyStore;
import fi.suoja.jpa.model.Client;
import java.util.HexFormat;
import java.util.Map;

/**
 * Run in a child JVM by {@link JobResumeTest}: migrates ({@code migrate}) or rotates ({@code
 * rotate}) the Client table, saving positions in the job-state table, printing "batch <scanned>"
 * after each committed batch and pausing, then "done <rows changed>". Arguments: mode, jdbc url,
 * master key hex, table prefix, key table, job table, batch size, pause ms, node.
 */
public final class JobChild {
  private JobChild() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    String url = args[1];
    Database db = new Database("child", url, null);
    byte[] master = HexFormat.of().parseHex(args[2]);
    int batch = Integer.parseInt(args[6]);
    long pause = Long.parseLong(args[7]);
    String node = args[8];
    JdbcWrappedKeyStore keys =
        JdbcWrappedKeyStore.builder(new UrlDataSource(url)).table(args[4]).build();
    try (OpsFixture f =
        new OpsFixture(
            db,
            args[3],
            master,
            keys,
            "none",
            Map.of(SuojaJpaSettings.LEGACY_PLAINTEXT, "read"),
            Client.class)) {
      long changed;
      if (mode.equals("migrate")) {
        changed =
            PlaintextMigration.builder(f.sessions)
                .batchSize(batch)
                .jobState(args[5])
                .node(node)
                .listener(p -> pause(p.scanned(), pause))
                .build()
                .run(Client.class)
                .sealedRows();
      } else {
        changed =
            KeyRotation.builder(f.sessions)
                .batchSize(batch)
                .jobState(args[5])
                .node(node)
                .listener(p -> pause(p.scanned(), pause))
                .build()
                .run(Client.class)
                .resealedRows();
      }
      System.out.println("done " + changed);
    }
  }

  private static void pause(long scanned, long pause) {
    System.out.println("batch " + scanned);
    System.out.flush();
    try {
      Thread.sleep(pause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
