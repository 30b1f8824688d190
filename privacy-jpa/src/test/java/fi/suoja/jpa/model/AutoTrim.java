package fi.suoja.jpa.model;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Auto-applied to every String attribute of the persistence unit that registers it. */
@Converter(autoApply = true)
public class AutoTrim implements AttributeConverter<String, String> {
  @Override
  public String convertToDatabaseColumn(String value) {
    return value == null ? null : value.strip();
  }

  @Override
  public String convertToEntityAttribute(String column) {
    return column;
  }
}
