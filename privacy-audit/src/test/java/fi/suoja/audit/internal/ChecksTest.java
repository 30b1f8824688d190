package fi.suoja.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.audit.AuditException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChecksTest {
  @Test
  void containsHetu_validCodesAnyCenturySign_true() {
    assertThat(Checks.containsHetu("131052-308T")).isTrue();
    assertThat(Checks.containsHetu("subject 010190-999W")).isTrue();
    assertThat(Checks.containsHetu("010190Y999W")).isTrue();
    assertThat(Checks.containsHetu("x/131052A308T")).isTrue();
  }

  @Test
  void containsHetu_wrongCheckCharOrEmbedded_false() {
    assertThat(Checks.containsHetu("131052-308U")).isFalse();
    assertThat(Checks.containsHetu("ab131052-308T")).isFalse();
    assertThat(Checks.containsHetu("131052-308T9")).isFalse();
  }

  @Test
  void id_randomUuids_neverMistakenForHetu() {
    for (int i = 0; i < 200_000; i++) {
      String uuid = UUID.randomUUID().toString();
      assertThat(Checks.containsHetu(uuid)).as(uuid).isFalse();
      assertThat(Checks.containsHetu(uuid.toUpperCase(java.util.Locale.ROOT))).as(uuid).isFalse();
    }
  }

  @Test
  void isUuid_exactlyTheUuidTextForm_andThoseAlwaysPassTheFullCheck() {
    for (int i = 0; i < 20_000; i++) {
      String uuid = UUID.randomUUID().toString();
      for (String form : new String[] {uuid, uuid.toUpperCase(java.util.Locale.ROOT)}) {
        assertThat(Checks.isUuid(form)).as(form).isTrue();
        assertThat(Checks.containsHetu(form)).as(form).isFalse();
        assertThat(form).matches("[A-Za-z0-9_:./@#-]+");
      }
    }
    // every digit-only UUID shape (the one most like a HETU) is still not one
    assertThat(Checks.containsHetu("01019099-9999-0101-9099-010190999999")).isFalse();
    assertThat(Checks.isUuid("01019099-9999-0101-9099-010190999999")).isTrue();
    assertThat(Checks.isUuid("131052-308T")).isFalse();
    assertThat(Checks.isUuid("0101909-99999-0101-9099-010190999999")).isFalse();
    assertThat(Checks.isUuid("01019099-9999-0101-9099-01019099999g")).isFalse();
    assertThat(Checks.isUuid("01019099-9999-0101-9099-0101909999999")).isFalse();
    assertThat(Checks.isUuid("01019099 9999-0101-9099-010190999999")).isFalse();
  }

  @Test
  void id_aHetuInTheSlotOfACheckedId_stillRefused() {
    String checked = new String("org-1:client");
    assertThat(Checks.id("resource.id", checked)).isSameAs(checked);
    String hetu = inSlotOf(checked, ChecksTest::hetu);
    assertThat(Checks.containsHetu(hetu)).isTrue();

    assertThatThrownBy(() -> Checks.id("resource.id", hetu))
        .isInstanceOf(AuditException.class)
        .extracting(e -> ((AuditException) e).code())
        .isEqualTo(Checks.LOOKS_LIKE_HETU);
    assertThat(Checks.id("resource.id", checked)).isSameAs(checked);
  }

  @Test
  void token_aBadValueInTheSlotOfACheckedToken_stillRefused() {
    String checked = new String("Client");
    assertThat(Checks.token("resource.type", checked)).isSameAs(checked);
    String spaced = inSlotOf(checked, i -> "not a token " + i);

    assertThatThrownBy(() -> Checks.token("resource.type", spaced))
        .isInstanceOf(AuditException.class)
        .hasMessageContaining("may only contain");
    assertThat(Checks.id("resource.id", spaced)).isSameAs(spaced); // a valid id, not a token
    assertThatThrownBy(() -> Checks.token("resource.type", spaced))
        .isInstanceOf(AuditException.class);
  }

  @Test
  void id_refusedValue_refusedEveryTime() {
    String hetu = "131052-308T";
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> Checks.id("subjectId", hetu)).isInstanceOf(AuditException.class);
      assertThatThrownBy(() -> Checks.token("subjectId", hetu)).isInstanceOf(AuditException.class);
    }
    assertThatThrownBy(() -> Checks.id("subjectId", null)).isInstanceOf(AuditException.class);
    assertThatThrownBy(() -> Checks.id("subjectId", " ")).isInstanceOf(AuditException.class);
  }

  /** The first of the generated strings whose hash selects the same cache slot as {@code s}. */
  private static String inSlotOf(String s, java.util.function.IntFunction<String> candidates) {
    int slot = s.hashCode() & (Checks.CACHE_SLOTS - 1);
    for (int i = 0; ; i++) {
      String c = candidates.apply(i);
      if ((c.hashCode() & (Checks.CACHE_SLOTS - 1)) == slot && !c.equals(s)) {
        return c;
      }
    }
  }

  /** A valid HETU (correct check character) for any {@code i}. */
  private static String hetu(int i) {
    String digits =
        String.format(
            java.util.Locale.ROOT,
            "%02d%02d%02d%03d",
            1 + i % 28,
            1 + (i / 28) % 12,
            (i / 336) % 100,
            2 + (i / 33600) % 897);
    return digits.substring(0, 6)
        + "-"
        + digits.substring(6)
        + "0123456789ABCDEFHJKLMNPRSTUVWXY".charAt((int) (Long.parseLong(digits) % 31));
  }
}
