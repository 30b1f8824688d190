package fi.suoja.benchmarks.masking;

import fi.suoja.masking.Anonymiser;
import fi.suoja.masking.Masker;
import fi.suoja.masking.SensitiveValues;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Masking one ~200-character log message: Suoja's single-pass {@link Anonymiser} ({@code suoja})
 * against a chain of {@code java.util.regex} patterns with the same shapes ({@code regex}), on
 * eight rotating messages that hold no personal data ({@code clean}) or one or two findings each
 * ({@code personal}), with no registered literals or 20 (a unit of work that loaded a few
 * clients).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class MaskingBenchmark {

  static final String[] CLEAN = {
    "2026-11-24 18:47:36,123 INFO  [http-nio-8080-exec-3] f.s.echat.ChatController - GET"
        + " /api/v1/rooms/8f14e45f-ceea-467a-9af0-12ab34cd56ef/messages 200 took 12 ms, 48 items,"
        + " cache=HIT",
    "2026-11-24 18:47:36,311 DEBUG [scheduling-1] fi.domacare.visit.VisitService - Visit 104233"
        + " rescheduled from 09:00 to 09:30 on 2026-12-01, route 17, version 3, etag"
        + " W/\"a3f2c9d1\"",
    "2026-11-24 18:47:37,002 WARN  [HikariPool-1 housekeeper] c.z.h.HikariPool - Pool stats"
        + " (total=10, active=7, idle=3, waiting=2); connection to 10.12.0.5:5432 took 341 ms",
    "2026-11-24 18:47:37,450 INFO  [kafka-consumer-2] o.a.k.c.c.KafkaConsumer - Committed offset"
        + " 88123456 for partition visits-3, lag 12, trace_id=4bf92f3577b34da6a3ce929d0e0e4736",
    "2026-11-24 18:47:38,019 ERROR [pool-4-thread-12] fi.echat.billing.InvoiceJob - Invoice"
        + " INV-2026-00412 failed: upstream 503 after 3 retries (backoff 2000 ms), job run 7781",
    "2026-11-24 18:47:38,777 INFO  [main] o.s.b.w.e.tomcat.TomcatWebServer - Tomcat started on"
        + " port 8080 (http) with context path '/', Spring Boot v3.5.2, Hibernate 6.6.29.Final",
    "2026-11-24 18:47:39,101 DEBUG [reactor-http-epoll-2] f.s.audit.sink.JsonLinesSink - Appended"
        + " 128 events to chain node-2/epoch-5, checkpoint #7781 head 9f86d081884c7d659a2fea",
    "2026-11-24 18:47:39,560 INFO  [ForkJoinPool.commonPool-worker-7] f.s.echat.Export - Exported"
        + " 412 records to s3://echat-exports/2026/11/ in 1834 ms (p99 212 ms, 0 failures)",
  };

  static final String[] PERSONAL = {
    "2026-11-24 18:47:36,123 INFO  [http-nio-8080-exec-3] f.s.echat.ClientController - Client"
        + " 131052-308T opened by employee 42, room 8f14e45f-ceea-467a-9af0-12ab34cd56ef, 12 ms",
    "2026-11-24 18:47:36,311 DEBUG [scheduling-1] fi.domacare.visit.VisitService - Reminder for"
        + " visit 104233 sent to maija.virtanen@example.fi and SMS to 040 123 4567 at 09:00",
    "2026-11-24 18:47:37,002 WARN  [http-nio-8080-exec-5] fi.echat.billing.PaymentService -"
        + " Refund to FI21 1234 5600 0007 85 rejected by bank (code 51), invoice INV-2026-00412",
    "2026-11-24 18:47:37,450 INFO  [kafka-consumer-2] f.d.visit.VisitConsumer - Visit 99812"
        + " created for client 010594Y9021 by nurse, caller +358 50 765 4321, lag 12",
    "2026-11-24 18:47:38,019 ERROR [pool-4-thread-12] f.s.echat.NotificationJob - Delivery to"
        + " Korhonen failed (mailbox full), retry 3 of 5, next attempt in 2000 ms, job run 7781",
    "2026-11-24 18:47:38,777 INFO  [http-nio-8080-exec-1] f.s.echat.EmployeeController - Employee"
        + " account updated: phone +358401234567, title nurse, org 17, by admin 3, took 9 ms",
    "2026-11-24 18:47:39,101 DEBUG [reactor-http-epoll-2] f.s.echat.ChatService - Message 77812"
        + " from Nieminen to room 3: 'soita minulle' (14 chars), delivered to 2 devices",
    "2026-11-24 18:47:39,560 INFO  [ForkJoinPool.commonPool-worker-7] f.d.client.Import - Import"
        + " row 4412: hetu 290200A248A, email anna.k@posti.example.com, status OK, 3 ms",
  };

  private static final String[] NAMES = {
    "Korhonen", "Virtanen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine", "Heikkinen",
    "Koskinen", "Järvinen", "Lehtonen", "Lehtinen", "Saarinen", "Salminen", "Heinonen",
    "Niemi", "Heikkilä", "Kinnunen", "Salonen", "Turunen"
  };

  @Param({"regex", "suoja"})
  public String impl;

  @Param({"clean", "personal"})
  public String message;

  @Param({"0", "20"})
  public int literals;

  private String[] messages;
  private Masker suoja;
  private RegexMasker regex;
  private SensitiveValues.Scope scope;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    messages = message.equals("clean") ? CLEAN : PERSONAL;
    List<String> registered = new ArrayList<>();
    for (int i = 0; i < literals; i++) {
      registered.add(NAMES[i]);
    }
    regex = new RegexMasker(registered);
    suoja = Anonymiser.instance();
    // Scope.Thread state: JMH runs this on the thread that runs the benchmark
    scope = SensitiveValues.open();
    registered.forEach(scope::register);
    check();
  }

  /** Both maskers must have found everything the other found, or the comparison is unfair. */
  // Suoja must give a clean message back as the same instance (no copy): identity is the point
  @SuppressWarnings("ReferenceEquality")
  private void check() {
    for (String m : messages) {
      String a = suoja.mask(m);
      String b = regex.mask(m);
      if (message.equals("clean") && (a != m || !b.equals(m))) {
        throw new IllegalStateException("clean message changed: " + a + " / " + b);
      }
      if (message.equals("personal") && literals > 0 && (a.equals(m) || b.equals(m))) {
        throw new IllegalStateException("personal message unchanged");
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    scope.close();
  }

  @Benchmark
  public String mask() {
    String m = messages[next];
    next = (next + 1) & 7;
    return impl.equals("suoja") ? suoja.mask(m) : regex.mask(m);
  }
}
