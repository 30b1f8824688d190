package fi.suoja.masking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.suoja.masking.InvalidHetuException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example of src/test/resources/hetu/hetu_vectors.json (120, collected from public
 * validators) against the independent recomputation in its {@code analysis}: the validator must
 * agree with {@code verdict_strict} — valid, valid only with temporary numbers allowed, or invalid
 * for one of the rules that the analysis says failed.
 */
class HetuVectorsTest {

  record Vector(String value, String source, JsonNode analysis) {
    @Override
    public String toString() {
      return source + " '" + value + "'";
    }
  }

  static Stream<Vector> vectors() throws IOException {
    try (InputStream in = HetuVectorsTest.class.getResourceAsStream("/hetu/hetu_vectors.json")) {
      JsonNode root = new ObjectMapper().readTree(in);
      List<Vector> out = new ArrayList<>();
      for (JsonNode e : root.get("entries")) {
        out.add(new Vector(e.get("value").asText(), e.get("source").asText(), e.get("analysis")));
      }
      return out.stream();
    }
  }

  @Test
  void vectors_allPresent() throws IOException {
    assertThat(vectors().count()).isEqualTo(120);
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void validate_vector_agreesWithAnalysis(Vector v) {
    String verdict = v.analysis().get("verdict_strict").asText();
    HetuValidation lenient = Hetu.validate(v.value());
    HetuValidation strict = Hetu.validateStrict(v.value());
    switch (verdict) {
      case "valid" -> {
        assertThat(lenient.isValid()).isTrue();
        assertThat(strict.isValid()).isTrue();
        assertParsedFieldsMatch(v, ((HetuValidation.Valid) lenient).hetu());
      }
      case "valid_if_temporary_allowed" -> {
        assertThat(lenient.isValid()).isTrue();
        Hetu hetu = ((HetuValidation.Valid) lenient).hetu();
        assertThat(hetu.isTemporary()).isTrue();
        assertParsedFieldsMatch(v, hetu);
        assertThat(strict).isEqualTo(new HetuValidation.Invalid(Reason.INDIVIDUAL_NUMBER));
      }
      case "invalid" -> {
        assertThat(lenient.isValid()).isFalse();
        assertThat(strict.isValid()).isFalse();
        assertThat(((HetuValidation.Invalid) lenient).reason()).isIn(allowedReasons(v.analysis()));
      }
      default -> throw new AssertionError("unknown verdict " + verdict);
    }
  }

  private static void assertParsedFieldsMatch(Vector v, Hetu hetu) {
    JsonNode a = v.analysis();
    assertThat(hetu.birthDate().getYear()).isEqualTo(a.get("year").asInt());
    assertThat(hetu.centurySign()).isEqualTo(a.get("century_sign").asText().charAt(0));
    assertThat(hetu.individualNumber()).isEqualTo(a.get("individual").asInt());
    String sex = a.get("sex_by_legacy_rule").asText();
    assertThat(hetu.legacySex())
        .isEqualTo(sex.startsWith("male") ? Hetu.LegacySex.MALE : Hetu.LegacySex.FEMALE);
    assertThat(hetu.reveal()).isEqualTo(v.value());
  }

  /** The reasons consistent with the rules the analysis found broken. */
  private static Set<Reason> allowedReasons(JsonNode a) {
    if (!a.get("format_ok").asBoolean()) {
      return EnumSet.of(Reason.FORMAT, Reason.CENTURY_SIGN);
    }
    Set<Reason> reasons = EnumSet.noneOf(Reason.class);
    if (!a.get("date_ok").asBoolean()) {
      reasons.add(Reason.DATE);
    }
    if (!a.get("check_ok").asBoolean()) {
      reasons.add(Reason.CHECK_CHARACTER);
    }
    if (a.get("individual_class").asText().startsWith("never_issued")) {
      reasons.add(Reason.INDIVIDUAL_NUMBER);
    }
    assertThat(reasons).as("analysis says invalid but names no broken rule").isNotEmpty();
    return reasons;
  }
}
