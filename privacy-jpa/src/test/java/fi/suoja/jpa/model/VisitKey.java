package fi.suoja.jpa.model;

import jakarta.persistence.Embeddable;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** The id of a {@link EmbeddedVisit}: the round and the visit's place in it. */
@Embeddable
public class VisitKey implements Serializable {
  private static final long serialVersionUID = 1L;

  public UUID round;
  public int seq;

  protected VisitKey() {}

  public VisitKey(UUID round, int seq) {
    this.round = round;
    this.seq = seq;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VisitKey k && k.round.equals(round) && k.seq == seq;
  }

  @Override
  public int hashCode() {
    return Objects.hash(round, seq);
  }

  @Override
  public String toString() {
    return round + "/" + seq;
  }
}
