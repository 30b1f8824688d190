package fi.suoja.jpa.model;

import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.PersonalData;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;

/** The protected subclass of {@link Party}. */
@Entity
@PersonalData(subject = "client")
public class PrivateParty extends Party {
  @Encrypted
  @Column(length = 200)
  public String hetu;
}
