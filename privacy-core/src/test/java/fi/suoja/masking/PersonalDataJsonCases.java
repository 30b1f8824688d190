package fi.suoja.masking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import fi.suoja.annotation.PersonalData;
import fi.suoja.annotation.PersonalDataCategory;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The cases every Suoja JSON module passes, run against Jackson 2 ({@code
 * jackson.PersonalDataModuleTest}) and Jackson 3 ({@code jackson3.PersonalDataModuleTest}): one set
 * of inputs and expected outputs for the masking decisions both share.
 */
public abstract class PersonalDataJsonCases {

  /** {@code value} written by a mapper with the module, masker chosen by {@code selector}. */
  protected abstract String write(Object value, MaskerSelector selector) throws Exception;

  /** {@code value} written by the library's plain mapper, without the module. */
  protected abstract String writePlain(Object value) throws Exception;

  private String write(Object value) throws Exception {
    return write(value, MaskerSelector.scoped());
  }

  /** A bean with every kind of property: annotated field, renamed, getter, null, free text. */
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

    /** A personal non-string value, annotated on the getter. */
    @PersonalData
    public int getBirthYear() {
      return birthYear;
    }
  }

  /** A record whose component is personal. */
  public record Employee(
      long id, @PersonalData(category = PersonalDataCategory.CONTACT) String email, String title) {}

  @Test
  void write_annotatedFieldsGetterAndRenamedProperty_masked() throws Exception {
    String json = write(new Client());
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
    String json = write(new Employee(7, "matti@example.fi", "nurse"));
    assertThat(json).isEqualTo("{\"id\":7,\"email\":\"<personal>\",\"title\":\"nurse\"}");
  }

  @Test
  void write_registeredValueInUnannotatedString_masked() throws Exception {
    try (SensitiveValues.Scope scope = SensitiveValues.open()) {
      scope.register("Nieminen");
      assertThat(write(List.of("visit by Nieminen"))).isEqualTo("[\"visit by <personal>\"]");
    }
  }

  @Test
  void write_pseudonymisingSelector_stableTokens() throws Exception {
    Pseudonymiser tenant = Pseudonymiser.withKey(new SecretKeySpec(new byte[32], "HmacSHA256"));
    MaskerSelector selector = MaskerSelector.fixed(tenant);
    String a = write(new Employee(1, "matti@example.fi", "nurse"), selector);
    String b = write(new Employee(2, "matti@example.fi", "doctor"), selector);
    assertThat(a).matches(".*\"email\":\"<personal:[BCDFGHJKLMNPQRST]{12}>\".*");
    assertThat(a.substring(a.indexOf("<personal"), a.indexOf('>') + 1))
        .isEqualTo(b.substring(b.indexOf("<personal"), b.indexOf('>') + 1));
  }

  @Test
  void write_plainMapper_unaffected() throws Exception {
    assertThat(writePlain(new Employee(7, "m@example.fi", "nurse"))).contains("m@example.fi");
  }
}
