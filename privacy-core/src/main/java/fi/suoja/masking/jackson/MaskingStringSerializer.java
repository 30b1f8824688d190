package fi.suoja.masking.jackson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import fi.suoja.masking.MaskerSelector;
import java.io.IOException;

/** Every string value passes through the masker (pattern detectors and registered values). */
final class MaskingStringSerializer extends StdSerializer<String> {
  private static final long serialVersionUID = 1L;
  private final transient MaskerSelector selector;

  MaskingStringSerializer(MaskerSelector selector) {
    super(String.class);
    this.selector = selector;
  }

  @Override
  public void serialize(String value, JsonGenerator gen, SerializerProvider provider)
      throws IOException {
    gen.writeString(selector.select().mask(value));
  }
}
