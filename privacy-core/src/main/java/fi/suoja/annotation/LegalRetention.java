package fi.suoja.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A legal hold on every record of the entity: erasure keeps the record until {@code period} has
 * passed since the date held by the attribute {@link #from}, and says so (basis and end date).
 *
 * <pre>{@code
 * @LegalRetention(basis = "Act on Client Documents in Social Welfare 254/2015, 12 years",
 *                 period = "P12Y", from = "clientRelationshipEnded")
 * }</pre>
 *
 * <p>The hold ends at {@code from + period} (start of that day, UTC, for a date). While the {@code
 * from} attribute is null (for example, the client relationship has not ended yet) the hold has not
 * started: the record is retained and its hold end is unknown. There is deliberately no default for
 * {@code from}: whether a period counts from creation, from the last entry or from the end of the
 * client relationship is a legal decision the entity must state.
 *
 * <p>Warning: the hold protects records from Suoja's erasure and retention job only; host code that
 * deletes rows itself is not stopped.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface LegalRetention {

  /** The legal basis, reported with every retained record (a law and section, not a value). */
  String basis();

  /** The retention period as an ISO-8601 period ({@code java.time.Period}), e.g. {@code P12Y}. */
  String period();

  /**
   * The attribute the period counts from: a {@code LocalDate}, {@code LocalDateTime}, {@code
   * Instant}, {@code OffsetDateTime}, {@code ZonedDateTime} or {@code java.util.Date} attribute of
   * the entity.
   */
  String from();
}
