package fi.suoja.multinode;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One application node, run in a child JVM by {@link Cluster}: arguments are {@code key=value}
 * settings of {@link NodeApp}; commands come one per line on stdin, and every reply is one line on
 * stdout. Each command ends with "ok cmd ..." or "err cmd ...". Commands:
 *
 * <ul>
 *   <li>{@code create tenant owner n startAtMillis}: n clients, starting at that wall-clock time
 *   <li>{@code readall tenant}: "ok readall rows wrong"
 *   <li>{@code load millis threads tenant...}: the mixed workload; "ok load ops fails millis"
 *   <li>{@code rotate batch pauseMs}: KeyRotation; "ok rotate remaining"
 *   <li>{@code migrate batch pauseMs}: PlaintextMigration; "ok migrate scanned sealedRows"
 *   <li>{@code exit}: closes the sink (final checkpoint) and exits
 * </ul>
 */
public final class NodeMain {
  private NodeMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> cfg = new HashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      cfg.put(a.substring(0, eq), a.substring(eq + 1));
    }
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    NodeApp app = new NodeApp(cfg, "none", out);
    out.println("ready " + cfg.get("node"));
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      String[] w = line.trim().split(" ", -1);
      try {
        switch (w[0]) {
          case "create" -> {
            long at = Long.parseLong(w[4]);
            while (System.currentTimeMillis() < at) {
              Thread.sleep(1);
            }
            app.create(w[1], w[2], Integer.parseInt(w[3]), new Random());
            out.println("ok create");
          }
          case "readall" -> {
            long[] r = app.readAll(w[1]);
            out.println("ok readall " + r[0] + " " + r[1]);
          }
          case "load" -> {
            long start = System.nanoTime();
            List<String> tenants = Arrays.asList(w).subList(3, w.length);
            long[] r = app.load(tenants, Long.parseLong(w[1]), Integer.parseInt(w[2]));
            out.println(
                "ok load " + r[0] + " " + r[1] + " " + (System.nanoTime() - start) / 1_000_000);
          }
          case "rotate" -> {
            long remaining =
                app.rotate(Integer.parseInt(w[1]), Long.parseLong(w[2])).stream()
                    .mapToLong(p -> p.remaining())
                    .sum();
            out.println("ok rotate " + remaining);
          }
          case "migrate" -> {
            var p = app.migrate(Integer.parseInt(w[1]), Long.parseLong(w[2]));
            out.println("ok migrate " + p.scanned() + " " + p.sealedRows());
          }
          case "exit" -> {
            app.close();
            out.println("ok exit");
            out.flush();
            System.exit(0);
          }
          default -> out.println("err " + w[0] + " unknown command");
        }
      } catch (Exception | AssertionError e) {
        out.println("err " + w[0] + " " + NodeApp.describe(e));
      }
    }
    app.close();
  }
}
