package fi.suoja.jpa.model;

import fi.suoja.annotation.Encrypted;
import jakarta.persistence.Embeddable;

/** An embeddable with an encrypted attribute: refused at boot wherever it is embedded. */
@Embeddable
public class HomeAddress {
  @Encrypted public String street;
  public String municipality;
}
