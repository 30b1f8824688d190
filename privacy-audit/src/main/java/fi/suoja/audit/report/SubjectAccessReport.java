package fi.suoja.audit.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.AuditException;
import fi.suoja.audit.internal.ChainCodec;
import fi.suoja.audit.internal.Checks;
import fi.suoja.audit.internal.EventCodec;
import fi.suoja.audit.internal.FileChains;
import fi.suoja.audit.internal.RawRecord;
import fi.suoja.audit.internal.RecordSource;
import fi.suoja.audit.internal.Table;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * "Who has processed my data": for one data subject and a time range, every recorded event naming
 * that subject, across all chains of a file trail or an audit table, in time order: who (user,
 * tenant, side, roles), when, what action, on which record and fields, on what basis (elevated
 * accesses marked), for what purpose, with what outcome.
 *
 * <p>The report reads; it does not verify. Run {@link fi.suoja.audit.verify.AuditVerifier} on the
 * same trail to show it is intact. Records that cannot be parsed are counted in {@link
 * #unreadableRecords()}, never silently ignored.
 */
public final class SubjectAccessReport {
  /**
   * One processing of the subject's data.
   *
   * @param event the audit event
   * @param chainId the chain it was recorded in
   * @param seq its sequence number in that chain
   */
  public record Entry(AuditEvent event, String chainId, long seq) {}

  private final String subjectId;
  private final Instant from;
  private final Instant to;
  private final List<Entry> entries;
  private final long unreadable;

  private SubjectAccessReport(
      String subjectId, Instant from, Instant to, List<Entry> entries, long unreadable) {
    this.subjectId = subjectId;
    this.from = from;
    this.to = to;
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort(
        Comparator.comparing((Entry x) -> x.event().time())
            .thenComparing(Entry::chainId)
            .thenComparingLong(Entry::seq));
    this.entries = List.copyOf(sorted);
    this.unreadable = unreadable;
  }

  /**
   * Builds the report from a file trail (a directory of chain files, or one file).
   *
   * @param from inclusive start; {@code to} exclusive end
   * @throws AuditException {@code SUOJA-4010} if the trail cannot be read
   */
  public static SubjectAccessReport fromFiles(
      Path trail, String subjectId, Instant from, Instant to) {
    check(subjectId, from, to);
    List<Entry> entries = new ArrayList<>();
    long unreadable = 0;
    for (Map.Entry<String, List<Path>> chain : FileChains.find(trail).entrySet()) {
      try (RecordSource records = FileChains.lines(chain.getValue())) {
        while (records.hasNext()) {
          RawRecord raw = records.next();
          ChainCodec.Parsed p;
          try {
            p = ChainCodec.parse(raw.line());
          } catch (AuditException e) {
            unreadable++;
            continue;
          }
          AuditEvent ev = p.event();
          if (subjectId.equals(ev.subjectId())
              && !ev.time().isBefore(from)
              && ev.time().isBefore(to)) {
            entries.add(new Entry(ev, p.chainId(), p.seq()));
          }
        }
      } catch (UncheckedIOException e) {
        throw new AuditException(
            FileChains.UNREADABLE, "cannot read audit chain " + chain.getKey(), e);
      }
    }
    return new SubjectAccessReport(subjectId, from, to, entries, unreadable);
  }

  /**
   * Builds the report from an audit table (all chains), using its subject index.
   *
   * @throws AuditException {@code SUOJA-4010} if the table cannot be read
   */
  public static SubjectAccessReport fromTable(
      DataSource database, String table, String subjectId, Instant from, Instant to) {
    check(subjectId, from, to);
    List<Entry> entries = new ArrayList<>();
    long unreadable = 0;
    try (Connection c = database.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT chain_id, seq, event_json FROM "
                    + Table.name(table)
                    + " WHERE subject_id = ? AND event_micros >= ? AND event_micros < ?")) {
      ps.setString(1, subjectId);
      ps.setLong(2, Table.micros(from));
      ps.setLong(3, Table.micros(to));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          try {
            AuditEvent ev = EventCodec.fromJson(rs.getString(3));
            if (subjectId.equals(ev.subjectId())) {
              entries.add(new Entry(ev, rs.getString(1), rs.getLong(2)));
            } else {
              unreadable++;
            }
          } catch (AuditException e) {
            unreadable++;
          }
        }
      }
    } catch (SQLException e) {
      throw Table.unreadable(table, e);
    }
    return new SubjectAccessReport(subjectId, from, to, entries, unreadable);
  }

  private static void check(String subjectId, Instant from, Instant to) {
    Checks.id("subjectId", subjectId);
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!from.isBefore(to)) {
      throw new AuditException("SUOJA-4030", "report time range is empty: from must be before to");
    }
  }

  /**
   * Builds the report from events held in memory (for example an {@code InMemoryAuditSink}'s),
   * keeping those about {@code subjectId} in {@code [from, to)}; entries get chain id {@code
   * memory} and their position in {@code events} as sequence number.
   */
  public static SubjectAccessReport of(
      List<AuditEvent> events, String subjectId, Instant from, Instant to) {
    check(subjectId, from, to);
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      AuditEvent ev = events.get(i);
      if (subjectId.equals(ev.subjectId()) && !ev.time().isBefore(from) && ev.time().isBefore(to)) {
        entries.add(new Entry(ev, "memory", i));
      }
    }
    return new SubjectAccessReport(subjectId, from, to, entries, 0);
  }

  /** The data subject the report is about. */
  public String subjectId() {
    return subjectId;
  }

  /** The entries in time order. */
  public List<Entry> entries() {
    return entries;
  }

  /** Records in the trail that could not be parsed (a reason to run the verifier). */
  public long unreadableRecords() {
    return unreadable;
  }

  /** The report as JSON: subject, range, and one object per entry. */
  public String toJson() {
    ObjectNode root = EventCodec.MAPPER.createObjectNode();
    root.put("subjectId", subjectId);
    root.put("from", from.toString());
    root.put("to", to.toString());
    root.put("unreadableRecords", unreadable);
    ArrayNode list = root.putArray("entries");
    for (Entry x : entries) {
      AuditEvent e = x.event();
      ObjectNode o = list.addObject();
      o.put("time", e.time().toString());
      o.put("userId", e.actor().userId());
      o.put("tenantId", e.actor().tenantId());
      o.put("side", e.actor().side().name());
      ArrayNode roles = o.putArray("roles");
      e.actor().roles().forEach(roles::add);
      o.put("action", e.action().name());
      if (e.resource() != null) {
        o.put("resourceType", e.resource().type());
        o.put("resourceId", e.resource().id());
      }
      ArrayNode fields = o.putArray("fields");
      e.fields().forEach(fields::add);
      if (e.basis() != null) {
        o.put("basis", e.basis().code());
      }
      o.put("elevated", e.elevated());
      if (e.purpose() != null) {
        o.put("purpose", e.purpose());
      }
      o.put("outcome", e.outcome().status().name());
      if (e.outcome().reason() != null) {
        o.put("reason", e.outcome().reason());
      }
      o.put("eventId", e.id());
      o.put("chainId", x.chainId());
      o.put("seq", x.seq());
    }
    try {
      return EventCodec.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The report as readable text, one line per processing. */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append("Processing of the personal data of data subject ")
        .append(subjectId)
        .append(", ")
        .append(from)
        .append(" .. ")
        .append(to)
        .append('\n');
    if (entries.isEmpty()) {
      sb.append("No recorded processing in this period.\n");
    }
    for (Entry x : entries) {
      AuditEvent e = x.event();
      sb.append(e.time())
          .append("  ")
          .append(e.actor().userId())
          .append(" (")
          .append(e.actor().side().name().toLowerCase(Locale.ROOT))
          .append(", tenant ")
          .append(e.actor().tenantId());
      if (!e.actor().roles().isEmpty()) {
        sb.append(", ").append(String.join("/", e.actor().roles()));
      }
      sb.append(")  ").append(e.action().name());
      if (e.resource() != null) {
        sb.append(' ').append(e.resource().type()).append(' ').append(e.resource().id());
      }
      if (!e.fields().isEmpty()) {
        sb.append(" [").append(String.join(", ", e.fields())).append(']');
      }
      sb.append("  basis ").append(e.basis() == null ? "-" : e.basis().code());
      if (e.elevated()) {
        sb.append(" (ELEVATED)");
      }
      if (e.purpose() != null) {
        sb.append("  purpose ").append(e.purpose());
      }
      sb.append("  ").append(e.outcome().status().name());
      if (e.outcome().reason() != null) {
        sb.append(" (").append(e.outcome().reason()).append(')');
      }
      sb.append('\n');
    }
    if (unreadable > 0) {
      sb.append("WARNING: ")
          .append(unreadable)
          .append(" record(s) could not be read; verify the trail.\n");
    }
    return sb.toString();
  }
}
