package fi.suoja.audit;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Sample events for tests. */
public final class Events {
  private Events() {}

  /** The record actions the samples cycle through, independent of the enum's declaration order. */
  private static final List<AuditAction> ACTIONS =
      List.of(
          AuditAction.READ,
          AuditAction.QUERY,
          AuditAction.CREATE,
          AuditAction.UPDATE,
          AuditAction.DELETE,
          AuditAction.EXPORT,
          AuditAction.ERASE,
          AuditAction.DISCLOSURE,
          AuditAction.ACCESS_DENIED);

  /** A complete READ event with the given id suffix. */
  public static AuditEvent read(int n) {
    return AuditEvent.builder()
        .id("ev-" + n)
        .time(Instant.parse("2026-03-01T10:15:30.123456Z").plusSeconds(n))
        .actor(AuditActor.tenantUser("u-" + (n % 7), "t-1", Set.of("NURSE")))
        .action(ACTIONS.get(n % ACTIONS.size()))
        .resource("Client", "c-" + (n % 11), "t-1")
        .subject("s-" + (n % 5))
        .fields("firstName", "hetu")
        .basis(n % 3 == 0 ? AccessBasis.orgAdmin() : AccessBasis.owner())
        .purpose("CARE")
        .outcome(n % 4 == 0 ? Outcome.denied("NOT_OWNER") : Outcome.success())
        .correlationId("req-" + n)
        .application("echat")
        .node("node-1")
        .build();
  }
}
