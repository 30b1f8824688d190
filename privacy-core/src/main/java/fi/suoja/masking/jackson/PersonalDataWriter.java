package fi.suoja.masking.jackson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.util.NameTransformer;
import fi.suoja.masking.MaskerSelector;

/** Writes a {@code @PersonalData} property as its mask token; renaming keeps the masking. */
final class PersonalDataWriter extends BeanPropertyWriter {
  private static final long serialVersionUID = 1L;
  private final transient MaskerSelector selector;

  PersonalDataWriter(BeanPropertyWriter base, MaskerSelector selector) {
    super(base);
    this.selector = selector;
  }

  private PersonalDataWriter(BeanPropertyWriter base, PropertyName name, MaskerSelector selector) {
    super(base, name);
    this.selector = selector;
  }

  @Override
  protected BeanPropertyWriter _new(PropertyName newName) {
    return new PersonalDataWriter(this, newName, selector);
  }

  /** Personal data is never unwrapped into its parts: the whole value stays one token. */
  @Override
  public BeanPropertyWriter unwrappingWriter(NameTransformer unwrapper) {
    return this;
  }

  @Override
  public void serializeAsField(Object bean, JsonGenerator gen, SerializerProvider provider)
      throws Exception {
    Object value = get(bean);
    if (value == null) {
      super.serializeAsField(bean, gen, provider);
      return;
    }
    gen.writeFieldName(_name);
    gen.writeString(selector.select().maskValue(value));
  }

  @Override
  public void serializeAsElement(Object bean, JsonGenerator gen, SerializerProvider provider)
      throws Exception {
    Object value = get(bean);
    if (value == null) {
      super.serializeAsElement(bean, gen, provider);
      return;
    }
    gen.writeString(selector.select().maskValue(value));
  }
}
