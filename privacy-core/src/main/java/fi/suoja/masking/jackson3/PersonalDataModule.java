package fi.suoja.masking.jackson3;

import fi.suoja.annotation.PersonalData;
import fi.suoja.masking.MaskerSelector;
import fi.suoja.masking.internal.JsonMasking;
import java.util.List;
import java.util.Objects;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.Version;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.PropertyName;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.BeanPropertyWriter;
import tools.jackson.databind.ser.ValueSerializerModifier;
import tools.jackson.databind.ser.std.StdSerializer;
import tools.jackson.databind.util.NameTransformer;

/**
 * The Jackson 3 ({@code tools.jackson}) form of {@link
 * fi.suoja.masking.jackson.PersonalDataModule}, for a {@code JsonMapper} that writes objects into
 * logs (Spring Boot 4's mapper with {@code suoja.masking.json=true}):
 *
 * <pre>{@code
 * JsonMapper logMapper = JsonMapper.builder().addModule(new PersonalDataModule()).build();
 * log.info("client {}", logMapper.writeValueAsString(client));
 * // {"id":42,"lastName":"<personal>","hetu":"<personal>","note":"call <phone>"}
 * }</pre>
 *
 * <p>The same guarantees as the Jackson 2 module, decided by the same code: a property annotated
 * {@link PersonalData} (field, getter or record component) is written as the masker's whole-value
 * token, whatever its type; {@code null} stays {@code null}; every other {@code String} value is
 * passed through the masker. The masker is chosen per value by the {@link MaskerSelector} (default:
 * scoped, anonymise when no tenant setting is known).
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
    addSerializer(String.class, new MaskingStrings(masking));
  }

  private static final class Modifier extends ValueSerializerModifier {
    private static final long serialVersionUID = 1L;
    private final transient JsonMasking masking;

    Modifier(JsonMasking masking) {
      this.masking = masking;
    }

    @Override
    public List<BeanPropertyWriter> changeProperties(
        SerializationConfig config,
        BeanDescription.Supplier description,
        List<BeanPropertyWriter> writers) {
      for (int i = 0; i < writers.size(); i++) {
        BeanPropertyWriter writer = writers.get(i);
        if (JsonMasking.isPersonal(writer::getAnnotation)) {
          writers.set(i, new PersonalDataWriter(writer, masking));
        }
      }
      return writers;
    }
  }

  /** Every string value passes through the masker ({@link JsonMasking#text}). */
  private static final class MaskingStrings extends StdSerializer<String> {
    private final transient JsonMasking masking;

    MaskingStrings(JsonMasking masking) {
      super(String.class);
      this.masking = masking;
    }

    @Override
    public void serialize(String value, JsonGenerator gen, SerializationContext context) {
      gen.writeString(masking.text(value));
    }
  }

  /**
   * A {@code @PersonalData} property as {@link JsonMasking#personalValue}; renaming and unwrapping
   * keep the masking.
   */
  private static final class PersonalDataWriter extends BeanPropertyWriter {
    private static final long serialVersionUID = 1L;
    private final transient JsonMasking masking;

    PersonalDataWriter(BeanPropertyWriter base, JsonMasking masking) {
      super(base);
      this.masking = masking;
    }

    private PersonalDataWriter(BeanPropertyWriter base, PropertyName name, JsonMasking masking) {
      super(base, name);
      this.masking = masking;
    }

    @Override
    protected BeanPropertyWriter _new(PropertyName newName) {
      return new PersonalDataWriter(this, newName, masking);
    }

    /** Personal data is never unwrapped into its parts: the whole value stays one token. */
    @Override
    public BeanPropertyWriter unwrappingWriter(NameTransformer unwrapper) {
      return this;
    }

    @Override
    public void serializeAsProperty(Object bean, JsonGenerator gen, SerializationContext context)
        throws Exception {
      String token = masking.personalValue(get(bean));
      if (token == null) {
        super.serializeAsProperty(bean, gen, context);
        return;
      }
      gen.writeName(_name);
      gen.writeString(token);
    }

    @Override
    public void serializeAsElement(Object bean, JsonGenerator gen, SerializationContext context)
        throws Exception {
      String token = masking.personalValue(get(bean));
      if (token == null) {
        super.serializeAsElement(bean, gen, context);
        return;
      }
      gen.writeString(token);
    }
  }
}
