package fi.suoja.masking.jackson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import fi.suoja.masking.internal.JsonMasking;
import java.io.IOException;

/** Every string value passes through the masker ({@link JsonMasking#text}). */
final class MaskingStringSerializer extends StdSerializer<String> {
  private static final long serialVersionUID = 1L;
  private final transient JsonMasking masking;

  MaskingStringSerializer(JsonMasking masking) {
    super(String.class);
    this.masking = masking;
  }

  @Override
  public void serialize(String value, JsonGenerator gen, SerializerProvider provider)
      throws IOException {
    gen.writeString(masking.text(value));
  }
}
