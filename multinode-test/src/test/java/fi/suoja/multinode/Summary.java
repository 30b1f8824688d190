package fi.suoja.multinode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The harness's one summary table, printed after the scenarios of a database ran. */
final class Summary {
  private static final List<String> ROWS = new ArrayList<>();

  private Summary() {}

  static synchronized void row(
      String db,
      String scenario,
      String node,
      long ops,
      double seconds,
      String faults,
      long acked,
      long verified,
      long rowsChecked) {
    ROWS.add(
        String.format(
            Locale.ROOT,
            "| %-10s | %-24s | %-6s | %8d | %8.1f | %-28s | %9d | %9d | %8d |",
            db,
            scenario,
            node,
            ops,
            seconds <= 0 ? 0 : ops / seconds,
            faults,
            acked,
            verified,
            rowsChecked));
  }

  static synchronized void print() {
    if (ROWS.isEmpty()) {
      return;
    }
    System.out.println(
        String.format(
            Locale.ROOT,
            "| %-10s | %-24s | %-6s | %8s | %8s | %-28s | %9s | %9s | %8s |",
            "database",
            "scenario",
            "node",
            "ops",
            "ops/s",
            "faults injected / survived",
            "acked",
            "verified",
            "rows"));
    ROWS.forEach(System.out::println);
    ROWS.clear();
  }
}
