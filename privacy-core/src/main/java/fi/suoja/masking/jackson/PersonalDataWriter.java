package fi.suoja.masking.jackson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.util.NameTransformer;
import fi.suoja.masking.internal.JsonMasking;

/**
 * Writes a {@code @PersonalData} property as {@link JsonMasking#personalValue}; renaming keeps the
 * masking.
 */
final class PersonalDataWriter extends BeanPropertyWriter {
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
  public void serializeAsField(Object bean, JsonGenerator gen, SerializerProvider provider)
      throws Exception {
    String token = masking.personalValue(get(bean));
    if (token == null) {
      super.serializeAsField(bean, gen, provider);
      return;
    }
    gen.writeFieldName(_name);
    gen.writeString(token);
  }

  @Override
  public void serializeAsElement(Object bean, JsonGenerator gen, SerializerProvider provider)
      throws Exception {
    String token = masking.personalValue(get(bean));
    if (token == null) {
      super.serializeAsElement(bean, gen, provider);
      return;
    }
    gen.writeString(token);
  }
}
