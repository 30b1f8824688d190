package fi.suoja.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.SuojaException;
import fi.suoja.masking.InvalidHetuException.Reason;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class HetuTest {

  @Test
  void parse_documentedExample_exposesDateIndividualAndSign() {
    Hetu hetu = Hetu.parse("131052-308T");
    assertThat(hetu.birthDate()).isEqualTo(LocalDate.of(1952, 10, 13));
    assertThat(hetu.individualNumber()).isEqualTo(308);
    assertThat(hetu.centurySign()).isEqualTo('-');
    assertThat(hetu.isTemporary()).isFalse();
    assertThat(hetu.legacySex()).isEqualTo(Hetu.LegacySex.FEMALE);
    assertThat(hetu.reveal()).isEqualTo("131052-308T");
  }

  @Test
  void parse_centurySigns_giveTheirCentury() {
    assertThat(Hetu.parse("131052+308T").birthDate().getYear()).isEqualTo(1852);
    assertThat(Hetu.parse("131052Y308T").birthDate().getYear()).isEqualTo(1952);
    assertThat(Hetu.parse("131052F308T").birthDate().getYear()).isEqualTo(2052);
  }

  @Test
  void equals_sameDigitsDifferentNewSign_areDifferentPeople() {
    Hetu classic = Hetu.parse("131052-308T");
    Hetu reform = Hetu.parse("131052Y308T");
    assertThat(classic).isNotEqualTo(reform);
    assertThat(classic.birthDate()).isEqualTo(reform.birthDate());
    assertThat(classic).isEqualTo(Hetu.parse("131052-308T"));
    assertThat(classic.hashCode()).isEqualTo(Hetu.parse("131052-308T").hashCode());
  }

  @Test
  void toString_neverPrintsTheCode() {
    assertThat(Hetu.parse("131052-308T")).hasToString("Hetu[***]");
    assertThat(Hetu.validate("131052-308T").toString())
        .doesNotContain("131052")
        .doesNotContain("308T");
  }

  @Test
  void parse_temporaryNumber_acceptedAndFlagged() {
    Hetu hetu = Hetu.parse("010594Y9021");
    assertThat(hetu.isTemporary()).isTrue();
    assertThat(hetu.individualNumber()).isEqualTo(902);
  }

  @Test
  void parseStrict_temporaryNumber_rejectedAsIndividualNumber() {
    assertThatThrownBy(() -> Hetu.parseStrict("010594Y9021"))
        .isInstanceOfSatisfying(
            InvalidHetuException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INDIVIDUAL_NUMBER));
    assertThat(Hetu.parseStrict("131052-308T").reveal()).isEqualTo("131052-308T");
  }

  @Test
  void parse_lowerCase_rejectedAsFormat() {
    assertThat(Hetu.validate("131052a308t")).isEqualTo(new HetuValidation.Invalid(Reason.FORMAT));
    assertThat(Hetu.validate("311210A540n")).isEqualTo(new HetuValidation.Invalid(Reason.FORMAT));
  }

  @Test
  void parse_leapDays_followTheGregorianCalendar() {
    assertThat(Hetu.validate("290200A248A").isValid()).isTrue(); // 2000 is leap
    assertThat(Hetu.validate("290296-7808").isValid()).isTrue();
    assertThat(Hetu.validate("290299-123U")).isEqualTo(new HetuValidation.Invalid(Reason.DATE));
    // 1900 is not leap: the date fails before the (also wrong) check character
    assertThat(Hetu.validate("290200-101P")).isEqualTo(new HetuValidation.Invalid(Reason.DATE));
  }

  @Test
  void parse_badInput_messageHasCodeAndReasonButNoInput() {
    String[] inputs = {"131052-308U", "131052T308T", "310252-308Y", "131052-000V", "13105"};
    for (String input : inputs) {
      assertThatThrownBy(() -> Hetu.parse(input))
          .isInstanceOf(SuojaException.class)
          .satisfies(
              e -> {
                assertThat(((SuojaException) e).code()).isEqualTo("SUOJA-2001");
                assertThat(e.getMessage())
                    .doesNotContain(input)
                    .doesNotContain(input.substring(0, 5));
                assertThat(e.toString()).doesNotContain(input);
                assertThat(e.getCause()).isNull();
              });
    }
  }

  @Test
  void validate_null_isFormat() {
    assertThat(Hetu.validate(null)).isEqualTo(new HetuValidation.Invalid(Reason.FORMAT));
  }
}
