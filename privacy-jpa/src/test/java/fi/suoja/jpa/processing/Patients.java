package fi.suoja.jpa.processing;

import fi.suoja.annotation.BlindIndex;
import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.IndexNormalization;
import fi.suoja.annotation.Owner;
import fi.suoja.annotation.PersonalData;
import fi.suoja.annotation.PersonalDataCategory;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.UUID;

/** Test entities: one model, and variants that differ in one annotation each. */
final class Patients {
  private Patients() {}

  @Entity(name = "Patient")
  @PersonalData(subject = "client")
  static class Patient {
    @Id UUID id;
    @Owner String nurse;

    @PersonalData(category = PersonalDataCategory.IDENTIFIER)
    @Encrypted
    String hetu;

    @BlindIndex(of = "hetu", normalization = IndexNormalization.HETU, bits = 16)
    String hetuIndex;

    @PersonalData(category = PersonalDataCategory.HEALTH)
    @Encrypted(padToBucket = 64)
    String diagnosis;

    String municipality;
    boolean emailVerified;
  }

  /** As {@link Patient}, but the diagnosis is declared FREE_TEXT. */
  @Entity(name = "Patient")
  @PersonalData(subject = "client")
  static class PatientRecategorised {
    @Id UUID id;

    @PersonalData(category = PersonalDataCategory.IDENTIFIER)
    @Encrypted
    String hetu;

    @BlindIndex(of = "hetu", normalization = IndexNormalization.HETU, bits = 16)
    String hetuIndex;

    @PersonalData(category = PersonalDataCategory.FREE_TEXT)
    @Encrypted(padToBucket = 64)
    String diagnosis;
  }

  /** A client entity with a personal field left unencrypted and an unannotated e-mail. */
  @Entity(name = "Relative")
  @PersonalData(subject = "client")
  static class Relative {
    @Id UUID id;

    @PersonalData(category = PersonalDataCategory.NAME)
    String lastName;

    String email;
  }

  @Entity(name = "Nurse")
  @PersonalData(subject = "employee")
  static class Nurse {
    @Id String userId;

    @PersonalData(category = PersonalDataCategory.CONTACT)
    @Encrypted(padToBucket = 32)
    String phone;
  }

  /** A visitor found by a long blind index: its false-positive rate needs an exponent. */
  @Entity(name = "Visitor")
  @PersonalData(subject = "visitor")
  static class Visitor {
    @Id UUID id;

    @PersonalData(category = PersonalDataCategory.CONTACT)
    @Encrypted
    String email;

    @BlindIndex(of = "email", bits = 32)
    String emailIndex;
  }
}
