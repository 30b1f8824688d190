package fi.suoja.jpa.model;

import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.PersonalData;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.Locale;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** An encrypted attribute with a JPA converter of its own: refused at boot. */
@Entity
@PersonalData(subject = "client")
public class ConvertedClient {
  @Id public UUID id = UUID.randomUUID();
  @TenantId public String organisation;

  @Encrypted
  @Convert(converter = UpperCase.class)
  @Column(length = 200)
  public String lastName;

  /** Would upper-case the envelope Suoja wrote, which then never opens again. */
  @Converter
  public static class UpperCase implements AttributeConverter<String, String> {
    @Override
    public String convertToDatabaseColumn(String value) {
      return value == null ? null : value.toUpperCase(Locale.ROOT);
    }

    @Override
    public String convertToEntityAttribute(String column) {
      return column;
    }
  }
}
