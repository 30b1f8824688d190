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
 * sixteen rotating messages that hold no personal data ({@code clean}) or one or two findings each
 * ({@code personal}), with no registered literals or 20 (a unit of work that loaded a few clients).
 * Half of each set carries issue 25's shapes: ids with HETU-shaped runs inside, business ids,
 * zero-padded numbers, counts after phones and URL-encoded data.
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
    // issue 25: ids with HETU-shaped runs, business ids, zero-padded numbers, URL escapes
    "2026-11-24 18:47:40,011 INFO  [http-nio-8080-exec-4] f.s.echat.ChatController - GET"
        + " /api/v1/rooms/e94c7928-e273-426a-a967-e123063f681d/messages 200 took 9 ms, 12 items",
    "2026-11-24 18:47:40,120 DEBUG [http-nio-8080-exec-6] f.s.echat.Auth - JWT"
        + " kid=16c77d607786c999 alg=ES256 exp=1775065366 validated, span_id=e123456c789d0011",
    "2026-11-24 18:47:40,233 INFO  [kafka-consumer-2] f.d.visit.VisitConsumer - traceparent"
        + " 00-4bf92f3577b34da6a3ce929d0a123456-789abcdef0123456-01, lag 3, partition visits-1",
    "2026-11-24 18:47:40,350 INFO  [pool-4-thread-12] fi.echat.billing.InvoiceJob - Order"
        + " 0068728705 shipped to warehouse 3, supplier Y-tunnus 0558774-4, invoice 0000412345",
    "2026-11-24 18:47:40,467 INFO  [http-nio-8080-exec-7] o.a.c.AccessLog - GET"
        + " /api/search?q=kahvi%20ja%20pulla&user=admin%40localhost&page=2 200 34 ms",
    "2026-11-24 18:47:40,581 DEBUG [scheduling-1] f.s.audit.Checkpoints - checksum sha256:"
        + "1f5b2ed73cfe06714cf40568f2d5518bf6e4af1638923341af9f85dac123456f verified, 128 events",
    "2026-11-24 18:47:40,699 INFO  [http-nio-8080-exec-2] f.s.echat.Store - ObjectId(\"5b0eb53"
        + "4123456e789202a2b\") updated, request 8c813066-a15e-0655-8504-a1c1c4bef731 in 4 ms",
    "2026-11-24 18:47:40,812 INFO  [pool-4-thread-3] fi.echat.billing.Suppliers - business id"
        + " 0112038-9 verified, ALV FI01120389, 0 failures, run 7782 took 182 ms",
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
    // issue 25: counts after phones, URL-encoded data, data next to ids and business ids
    "2026-11-24 18:47:40,011 INFO  [scheduling-1] fi.domacare.visit.Reminders - SMS via 040 123"
        + " 4567 3 attempts, backoff 2000 ms, visit 104233, route 17, took 12 ms",
    "2026-11-24 18:47:40,120 INFO  [http-nio-8080-exec-4] o.a.c.AccessLog - GET"
        + " /api/clients?email=sanna.virtanen%40gmail.com&active=true&page=1 200 12 ms",
    "2026-11-24 18:47:40,233 INFO  [http-nio-8080-exec-5] o.a.c.AccessLog - GET"
        + " /api/clients?tel=046%20422%206111&lang=fi&limit=20 200 8 ms, 1 item",
    "2026-11-24 18:47:40,350 WARN  [http-nio-8080-exec-6] o.a.c.AccessLog - POST /api/payments"
        + " iban=FI42%202985%208970%200638%2087&amount=120 422 (code 51) 15 ms",
    "2026-11-24 18:47:40,467 INFO  [http-nio-8080-exec-7] o.a.c.AccessLog - GET"
        + " /api/clients/200460%2B316T/visits?from=2026-11-01 200 5 ms, 14 items",
    "2026-11-24 18:47:40,581 INFO  [http-nio-8080-exec-8] f.s.echat.ClientController - room"
        + " e94c7928-e273-426a-a967-e123063f681d: client 131052-308T opened by employee 42",
    "2026-11-24 18:47:40,699 INFO  [kafka-consumer-2] f.d.visit.Callbacks - callback +358 40 123"
        + " 4567 12 ms after visit 8c813066-a15e-4655-8504-a1c1c4bef731, attempt 2",
    "2026-11-24 18:47:40,812 INFO  [ForkJoinPool.commonPool-worker-3] f.d.client.Import - row"
        + " 4413: hetu 010594Y9021, supplier Y-tunnus 0558774-4, phone 09 123 4567, OK",
  };

  private static final String[] NAMES = {
    "Korhonen",
    "Virtanen",
    "Mäkinen",
    "Nieminen",
    "Mäkelä",
    "Hämäläinen",
    "Laine",
    "Heikkinen",
    "Koskinen",
    "Järvinen",
    "Lehtonen",
    "Lehtinen",
    "Saarinen",
    "Salminen",
    "Heinonen",
    "Niemi",
    "Heikkilä",
    "Kinnunen",
    "Salonen",
    "Turunen"
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
    next = (next + 1) & 15;
    return impl.equals("suoja") ? suoja.mask(m) : regex.mask(m);
  }
}
