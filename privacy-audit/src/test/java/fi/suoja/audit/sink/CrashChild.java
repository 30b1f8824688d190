package fi.suoja.audit.sink;

import fi.suoja.audit.ChainKey;
import fi.suoja.audit.Events;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;

/**
 * Child JVM for {@link CrashRecoveryTest}: appends in DURABLE mode from four threads, forever,
 * printing each event id after {@code record} returned, until it is killed.
 */
public final class CrashChild {
  private CrashChild() {}

  /** Args: trail dir, checkpoint dir, base64 chain key, base64 PKCS#8 Ed25519 private key. */
  public static void main(String[] args) throws Exception {
    PrivateKey signer =
        KeyFactory.getInstance("Ed25519")
            .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(args[3])));
    JsonLinesFileSink sink =
        JsonLinesFileSink.builder(Path.of(args[0]))
            .chain(
                ChainOptions.builder()
                    .chainId("crash")
                    .chainKey(ChainKey.of(Base64.getDecoder().decode(args[2])))
                    .checkpoints(signer)
                    .checkpointEvery(25, Duration.ofMillis(50))
                    .build())
            .checkpointDirectory(Path.of(args[1]))
            .build();
    for (int t = 0; t < 4; t++) {
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
