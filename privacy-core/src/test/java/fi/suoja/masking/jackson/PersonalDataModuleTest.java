package fi.suoja.masking.jackson;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.suoja.annotation.PersonalData;
import fi.suoja.annotation.PersonalDataCategory;
import fi.suoja.masking.MaskerSelector;
import fi.suoja.masking.Pseudonymiser;
import fi.suoja.masking.SensitiveValues;
import java.time.LocalDate;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PersonalDataModuleTest {

  private final ObjectMapper mapper =
      new ObjectMapper().findAndRegisterModules().registerModule(new PersonalDataModule());

  public static class Client {
    public long id = 42;

    @PersonalData(category = PersonalDataCategory.NAME, subject = "client")
    public String lastName = "Virtanen";

    @PersonalData(category = PersonalDataCategory.IDENTIFIER)
    @JsonProperty("personalId")
    public String hetu = "131052-308T";

    @PersonalData public String nickname = null;

    public String note = "call 040 123 4567";
    public List<String> tags = List.of("vip", "a.b@example.fi");
    private final int birthYear = 1952;

    @PersonalData
    public int getBirthYear() {
      return birthYear;
    }
  }

  public record Employee(
      long id, @PersonalData(category = PersonalDataCategory.CONTACT) String email, String title) {}

  @Test
  void write_annotatedFieldsGetterAndRenamedProperty_masked() throws Exception {
    String json = mapper.writeValueAsString(new Client());
    assertThat(json)
        .contains("\"id\":42")
        .contains("\"lastName\":\"<personal>\"")
        .contains("\"personalId\":\"<personal>\"")
        .contains("\"birthYear\":\"<personal>\"")
        .contains("\"nickname\":null")
        .contains("\"note\":\"call <phone>\"")
        .contains("[\"vip\",\"<email>\"]")
        .doesNotContain("Virtanen")
        .doesNotContain("131052")
        .doesNotContain("1952");
  }

  @Test
  void write_recordComponent_masked() throws Exception {
    String json = mapper.writeValueAsString(new Employee(7, "matti@example.fi", "nurse"));
    assertThat(json).isEqualTo("{\"id\":7,\"email\":\"<personal>\",\"title\":\"nurse\"}");
  }

  @Test
  void write_registeredValueInUnannotatedString_masked() throws Exception {
    try (SensitiveValues.Scope scope = SensitiveValues.open()) {
      scope.register("Nieminen");
      assertThat(mapper.writeValueAsString(List.of("visit by Nieminen")))
          .isEqualTo("[\"visit by <personal>\"]");
    }
  }

  @Test
  void write_pseudonymisingSelector_stableTokens() throws Exception {
    Pseudonymiser tenant = Pseudonymiser.withKey(new SecretKeySpec(new byte[32], "HmacSHA256"));
    ObjectMapper tenantMapper =
        new ObjectMapper().registerModule(new PersonalDataModule(MaskerSelector.fixed(tenant)));
    String a = tenantMapper.writeValueAsString(new Employee(1, "matti@example.fi", "nurse"));
    String b = tenantMapper.writeValueAsString(new Employee(2, "matti@example.fi", "doctor"));
    assertThat(a).matches(".*\"email\":\"<personal:[BCDFGHJKLMNPQRST]{12}>\".*");
    assertThat(a.substring(a.indexOf("<personal"), a.indexOf('>') + 1))
        .isEqualTo(b.substring(b.indexOf("<personal"), b.indexOf('>') + 1));
  }

  @Test
  void write_plainMapper_unaffected() throws Exception {
    assertThat(new ObjectMapper().writeValueAsString(new Employee(7, "m@example.fi", "nurse")))
        .contains("m@example.fi");
    assertThat(LocalDate.of(2026, 1, 1)).isNotNull();
  }
}
