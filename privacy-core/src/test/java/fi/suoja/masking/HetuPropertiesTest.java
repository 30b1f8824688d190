package fi.suoja.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import fi.suoja.masking.testing.PersonalDataArbitraries;
import fi.suoja.masking.testing.PersonalDataArbitraries.NearMiss;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** HETU invariants over generated codes: round-trip, right rejection reason, nothing printed. */
class HetuPropertiesTest {

  @Provide
  Arbitrary<String> valid() {
    return PersonalDataArbitraries.validHetus();
  }

  @Provide
  Arbitrary<String> permanent() {
    return PersonalDataArbitraries.permanentHetus();
  }

  @Provide
  Arbitrary<String> temporary() {
    return PersonalDataArbitraries.temporaryHetus();
  }

  @Provide
  Arbitrary<NearMiss> nearMiss() {
    return PersonalDataArbitraries.nearMissHetus();
  }

  @Property
  void parse_validCode_roundTripsAndKeepsSign(@ForAll("valid") String code) {
    Hetu hetu = Hetu.parse(code);
    assertThat(hetu.reveal()).isEqualTo(code);
    assertThat(hetu.centurySign()).isEqualTo(code.charAt(6));
    assertThat(Hetu.parse(hetu.reveal())).isEqualTo(hetu);
    assertThat(hetu.birthDate().getDayOfMonth()).isEqualTo(Integer.parseInt(code.substring(0, 2)));
    assertThat(hetu.birthDate().getYear() % 100).isEqualTo(Integer.parseInt(code.substring(4, 6)));
  }

  @Property
  void parseStrict_permanentCode_accepted(@ForAll("permanent") String code) {
    assertThat(Hetu.parseStrict(code).isTemporary()).isFalse();
  }

  @Property
  void parseStrict_temporaryCode_rejectedButParseAccepts(@ForAll("temporary") String code) {
    assertThat(Hetu.parse(code).isTemporary()).isTrue();
    assertThat(Hetu.validateStrict(code))
        .isEqualTo(new HetuValidation.Invalid(InvalidHetuException.Reason.INDIVIDUAL_NUMBER));
  }

  @Property
  void parse_nearMiss_rejectedWithItsReasonAndNoInputInMessage(@ForAll("nearMiss") NearMiss miss) {
    InvalidHetuException e =
        catchThrowableOfType(InvalidHetuException.class, () -> Hetu.parse(miss.code()));
    assertThat(e).isNotNull();
    assertThat(e.reason()).isEqualTo(miss.reason());
    assertThat(e.getMessage())
        .doesNotContain(miss.code())
        .doesNotContain(miss.code().substring(0, 6));
  }

  @Property
  void toString_validCode_neverContainsAnyPartOfIt(@ForAll("valid") String code) {
    Hetu hetu = Hetu.parse(code);
    String printed = hetu + " " + Hetu.validate(code);
    assertThat(printed).doesNotContain(code.substring(0, 6)).doesNotContain(code.substring(7));
  }
}
