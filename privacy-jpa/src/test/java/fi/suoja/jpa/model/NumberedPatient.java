package fi.suoja.jpa.model;

import fi.suoja.annotation.Encrypted;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;

/** A JOINED subclass: its encrypted column lives in its own table, keyed by the root's id. */
@Entity
public class NumberedPatient extends NumberedParty {
  @Encrypted
  @Column(length = 200)
  public String diagnosis;
}
