package fi.suoja.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ActorTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "admin",
        "Admin",
        "ADMIN2",
        "support",
        "support@tenant.fi",
        "test_1",
        "system",
        "shared",
        "nurse",
        "helpdesk-01",
        "guest"
      })
  void tenantUser_genericAccount_isRefused(String userId) {
    assertThatThrownBy(() -> Actor.tenantUser(userId, "A", Role.EMPLOYEE))
        .isInstanceOf(InvalidActorException.class)
        .hasMessageStartingWith("SUOJA-3001")
        .hasMessageNotContaining(userId);
  }

  @ParameterizedTest
  @ValueSource(strings = {"e-1042", "maija.virtanen@hoiva.fi", "u:7f3a", "adminova"})
  void tenantUser_personalAccount_isAccepted(String userId) {
    assertThat(Actor.tenantUser(userId, "A", Role.EMPLOYEE).userId()).isEqualTo(userId);
  }

  @Test
  void tenantUser_blankOrMissingParts_areRefusedWithCodes() {
    assertThatThrownBy(() -> Actor.tenantUser(" ", "A", Role.EMPLOYEE))
        .hasMessageStartingWith("SUOJA-3005");
    assertThatThrownBy(() -> Actor.tenantUser("e-1", " ", Role.EMPLOYEE))
        .hasMessageStartingWith("SUOJA-3006");
    assertThatThrownBy(() -> Actor.tenantUser("e-1", "A")).hasMessageStartingWith("SUOJA-3007");
    assertThatThrownBy(() -> Actor.tenantUser("e 1; drop", "A", Role.EMPLOYEE))
        .isInstanceOf(InvalidActorException.class);
  }

  @Test
  void providerUser_hasNoTenant_andBelongsToNone() {
    Actor support = Actor.providerUser("s-1", Role.PROVIDER_SUPPORT);

    assertThat(support.tenant()).isEmpty();
    assertThat(support.belongsTo("A")).isFalse();
    assertThat(support.side()).isEqualTo(Side.PROVIDER);
  }

  @Test
  void role_of_normalisesCase_andRejectsGarbage() {
    assertThat(Role.of(" nurse ")).isEqualTo(new Role("NURSE"));
    assertThatThrownBy(() -> Role.of("a b")).hasMessageStartingWith("SUOJA-3003");
  }
}
