package fi.suoja.jpa;

import fi.suoja.annotation.Erasure;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What {@link SubjectRights#erase} did with each record of the data subject: erased (deleted or
 * anonymised) or retained under a legal hold, with the basis and the instant the hold ends (null
 * while the hold has not started, e.g. the client relationship is still open). Holds no personal
 * values: entity names, record ids and legal bases only.
 *
 * @param subjectId the data subject
 * @param erased the records erased
 * @param retained the records kept under a hold
 * @param subjectKeyDestroyed whether the subject's key was destroyed (crypto-shredding)
 */
public record ErasureResult(
    String subjectId, List<Erased> erased, List<Retained> retained, boolean subjectKeyDestroyed) {

  /** Copies the lists. */
  public ErasureResult {
    Objects.requireNonNull(subjectId, "subjectId");
    erased = List.copyOf(erased);
    retained = List.copyOf(retained);
  }

  /**
   * One erased record.
   *
   * @param entity the JPA entity name
   * @param id the record id
   * @param how deleted, or its personal attributes set to null ({@code @Erasure}'s mode)
   */
  public record Erased(String entity, String id, Erasure.Mode how) {}

  /**
   * One record retained under a legal hold.
   *
   * @param entity the JPA entity name
   * @param id the record id
   * @param basis the legal basis of the hold
   * @param holdEnds when the hold ends; null while it has not started
   */
  public record Retained(String entity, String id, String basis, Instant holdEnds) {}
}
