package fi.suoja.masking.jackson;

import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import fi.suoja.annotation.PersonalData;
import fi.suoja.masking.MaskerSelector;
import fi.suoja.masking.internal.JsonMasking;
import java.util.List;
import java.util.Objects;

/**
 * A Jackson module for the {@code ObjectMapper} that writes objects into logs:
 *
 * <pre>{@code
 * ObjectMapper logMapper = new ObjectMapper().registerModule(new PersonalDataModule());
 * log.info("client {}", logMapper.writeValueAsString(client));
 * // {"id":42,"lastName":"<personal>","hetu":"<personal>","note":"call <phone>"}
 * }</pre>
 *
 * <p>Guarantees: a property annotated {@link PersonalData} (on the field, getter or record
 * component) is written as the masker's whole-value token, whatever its type; {@code null} stays
 * {@code null}. Every other {@code String} value is passed through the masker, so personal data in
 * free text is masked by pattern and by the registered values of the current scope. The masker is
 * chosen per value by the {@link MaskerSelector} (default: scoped, anonymise when no tenant setting
 * is known).
 *
 * <p>Warning: this changes what the mapper writes. Register it only on a mapper used for logs and
 * diagnostics, never on one that serves API responses or stores data. Map keys and non-string
 * scalars of unannotated properties are written as they are.
 */
public final class PersonalDataModule extends SimpleModule {
  private static final long serialVersionUID = 1L;

  /** Masker chosen by {@link MaskerSelector#scoped()}. */
  public PersonalDataModule() {
    this(MaskerSelector.scoped());
  }

  /** Masker chosen by {@code selector} for each value. */
  public PersonalDataModule(MaskerSelector selector) {
    super("SuojaPersonalData", Version.unknownVersion());
    JsonMasking masking = new JsonMasking(Objects.requireNonNull(selector, "selector"));
    setSerializerModifier(new Modifier(masking));
    addSerializer(String.class, new MaskingStringSerializer(masking));
  }

  private static final class Modifier extends BeanSerializerModifier {
    private static final long serialVersionUID = 1L;
    private final transient JsonMasking masking;

    Modifier(JsonMasking masking) {
      this.masking = masking;
    }

    @Override
    public List<BeanPropertyWriter> changeProperties(
        SerializationConfig config, BeanDescription description, List<BeanPropertyWriter> writers) {
      for (int i = 0; i < writers.size(); i++) {
        BeanPropertyWriter writer = writers.get(i);
        if (JsonMasking.isPersonal(writer::getAnnotation)) {
          writers.set(i, new PersonalDataWriter(writer, masking));
        }
      }
      return writers;
    }
  }
}
