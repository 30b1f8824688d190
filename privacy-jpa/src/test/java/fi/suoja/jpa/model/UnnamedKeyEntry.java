package fi.suoja.jpa.model;

import fi.suoja.annotation.Encrypted;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** An {@code @IdClass} entity whose id class keeps {@code Object.toString()}: refused at boot. */
@Entity
@IdClass(UnnamedKeyEntry.Key.class)
public class UnnamedKeyEntry {
  @Id public UUID plan;
  @Id public int line;
  @TenantId public String organisation;

  @Encrypted
  @Column(length = 400)
  public String goal;

  /** Equal by value, but its text is an identity hash. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    public UUID plan;
    public int line;

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Objects.equals(k.plan, plan) && k.line == line;
    }

    @Override
    public int hashCode() {
      return Objects.hash(plan, line);
    }
  }
}
