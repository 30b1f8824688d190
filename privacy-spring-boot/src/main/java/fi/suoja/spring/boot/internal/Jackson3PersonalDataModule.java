package fi.suoja.spring.boot.internal;

import fi.suoja.annotation.PersonalData;
import fi.suoja.masking.MaskerSelector;
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
 * The Jackson 3 ({@code tools.jackson}) form of Suoja's Jackson 2 {@code PersonalDataModule}, for
 * Boot 4's {@code JsonMapper}: a {@code @PersonalData} property is written as the masker's
 * whole-value token, every other string passes through the masker. Same guarantees and the same
 * warning: register it only on a mapper whose output must not carry personal data.
 */
public final class Jackson3PersonalDataModule extends SimpleModule {
  private static final long serialVersionUID = 1L;

  public Jackson3PersonalDataModule(MaskerSelector selector) {
    super("SuojaPersonalData", Version.unknownVersion());
    Objects.requireNonNull(selector, "selector");
    setSerializerModifier(new Modifier(selector));
    addSerializer(String.class, new MaskingStrings(selector));
  }

  private static final class Modifier extends ValueSerializerModifier {
    private static final long serialVersionUID = 1L;
    private final transient MaskerSelector selector;

    Modifier(MaskerSelector selector) {
      this.selector = selector;
    }

    @Override
    public List<BeanPropertyWriter> changeProperties(
        SerializationConfig config,
        BeanDescription.Supplier description,
        List<BeanPropertyWriter> writers) {
      for (int i = 0; i < writers.size(); i++) {
        BeanPropertyWriter writer = writers.get(i);
        if (writer.getAnnotation(PersonalData.class) != null) {
          writers.set(i, new PersonalDataWriter(writer, selector));
        }
      }
      return writers;
    }
  }

  private static final class MaskingStrings extends StdSerializer<String> {
    private final transient MaskerSelector selector;

    MaskingStrings(MaskerSelector selector) {
      super(String.class);
      this.selector = selector;
    }

    @Override
    public void serialize(String value, JsonGenerator gen, SerializationContext context) {
      gen.writeString(selector.select().mask(value));
    }
  }

  /** A {@code @PersonalData} property as one token; renaming and unwrapping keep the masking. */
  private static final class PersonalDataWriter extends BeanPropertyWriter {
    private static final long serialVersionUID = 1L;
    private final transient MaskerSelector selector;

    PersonalDataWriter(BeanPropertyWriter base, MaskerSelector selector) {
      super(base);
      this.selector = selector;
    }

    private PersonalDataWriter(
        BeanPropertyWriter base, PropertyName name, MaskerSelector selector) {
      super(base, name);
      this.selector = selector;
    }

    @Override
    protected BeanPropertyWriter _new(PropertyName newName) {
      return new PersonalDataWriter(this, newName, selector);
    }

    @Override
    public BeanPropertyWriter unwrappingWriter(NameTransformer unwrapper) {
      return this;
    }

    @Override
    public void serializeAsProperty(Object bean, JsonGenerator gen, SerializationContext context)
        throws Exception {
      Object value = get(bean);
      if (value == null) {
        super.serializeAsProperty(bean, gen, context);
        return;
      }
      gen.writeName(_name);
      gen.writeString(selector.select().maskValue(value));
    }

    @Override
    public void serializeAsElement(Object bean, JsonGenerator gen, SerializationContext context)
        throws Exception {
      Object value = get(bean);
      if (value == null) {
        super.serializeAsElement(bean, gen, context);
        return;
      }
      gen.writeString(selector.select().maskValue(value));
    }
  }
}
