package fi.suoja.audit.sink;

import fi.suoja.audit.ChainKey;
import fi.suoja.audit.Events;
import fi.suoja.audit.internal.UrlDataSource;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;

/**
 * Child JVM for {@link JdbcCrashRecoveryTest}: records DURABLE into a JDBC table from eight
 * threads, forever, printing each event id after {@code record} returned, until it is killed.
 */
public final class JdbcCrashChild {
  private JdbcCrashChild() {}

  /** Args: JDBC URL, table, base64 chain key, base64 PKCS#8 Ed25519 private key. */
  public static void main(String[] args) throws Exception {
    PrivateKey signer =
        KeyFactory.getInstance("Ed25519")
            .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(args[3])));
    JdbcAuditSink sink =
        JdbcAuditSink.builder(new UrlDataSource(args[0]))
            .table(args[1])
            .chain(
                ChainOptions.builder()
                    .chainId("crash")
                    .chainKey(ChainKey.of(Base64.getDecoder().decode(args[2])))
                    .checkpoints(signer)
                    .checkpointEvery(25, Duration.ofMillis(50))
                    .build())
            .build();
    for (int t = 0; t < 8; t++) {
      int thread = t;
      Thread th =
          new Thread(
              () -> {
                for (int i = 0; ; i++) {
                  String id = "t" + thread + "-" + i;
                  sink.record(Events.read(i).toBuilder().id(id).build());
                  synchronized (System.out) {
                    System.out.println(id);
                    System.out.flush();
                  }
                }
              });
      th.start();
    }
  }
}
