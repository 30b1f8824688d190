package fi.suoja.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

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
}
