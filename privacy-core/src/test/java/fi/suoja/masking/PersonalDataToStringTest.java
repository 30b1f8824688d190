package fi.suoja.masking;

import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.annotation.PersonalData;
import fi.suoja.annotation.PersonalDataCategory;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PersonalDataToStringTest {

  static class Person {
    long id = 42;
    @PersonalData String hetu = "131052-308T";
  }

  static class Client extends Person {
    static final String TYPE = "client";

    @PersonalData(category = PersonalDataCategory.NAME)
    String lastName = "Virtanen";

    @PersonalData String nickname = null;
    String note = "mail a.b@example.fi";
    int visits = 3;

    @Override
    public String toString() {
      return PersonalDataToString.of(this);
    }
  }

  @Test
  void of_entity_personalFieldsMaskedOthersPrintedAndScanned() {
    assertThat(new Client())
        .hasToString(
            "Client[id=42, hetu=<personal>, lastName=<personal>, nickname=null,"
                + " note=mail <email>, visits=3]");
  }

  @Test
  void of_pseudonymiser_keyedTokensAndNoPlaintext() {
    Masker tenant = Pseudonymiser.withKey(new SecretKeySpec(new byte[32], "HmacSHA256"));
    String printed = PersonalDataToString.of(new Client(), tenant);
    assertThat(printed)
        .contains("lastName=<personal:")
        .doesNotContain("Virtanen")
        .doesNotContain("131052");
  }

  @Test
  void of_null_isNull() {
    assertThat(PersonalDataToString.of(null)).isEqualTo("null");
  }
}
