package fi.suoja.masking.jackson3;

import fi.suoja.masking.MaskerSelector;
import fi.suoja.masking.PersonalDataJsonCases;
import tools.jackson.databind.json.JsonMapper;

/** The shared JSON masking cases against Jackson 3's {@code JsonMapper}. */
class PersonalDataModuleTest extends PersonalDataJsonCases {

  @Override
  protected String write(Object value, MaskerSelector selector) {
    return JsonMapper.builder()
        .addModule(new PersonalDataModule(selector))
        .build()
        .writeValueAsString(value);
  }

  @Override
  protected String writePlain(Object value) {
    return JsonMapper.builder().build().writeValueAsString(value);
  }
}
