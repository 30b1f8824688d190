package fi.suoja.masking.jackson;

import com.fasterxml.jackson.databind.ObjectMapper;
import fi.suoja.masking.MaskerSelector;
import fi.suoja.masking.PersonalDataJsonCases;

/** The shared JSON masking cases against Jackson 2's {@code ObjectMapper}. */
class PersonalDataModuleTest extends PersonalDataJsonCases {

  @Override
  protected String write(Object value, MaskerSelector selector) throws Exception {
    return new ObjectMapper()
        .findAndRegisterModules()
        .registerModule(new PersonalDataModule(selector))
        .writeValueAsString(value);
  }

  @Override
  protected String writePlain(Object value) throws Exception {
    return new ObjectMapper().writeValueAsString(value);
  }
}
