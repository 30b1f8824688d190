package fi.suoja.spring.boot.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.Suoja;
import fi.suoja.policy.Actor;
import fi.suoja.policy.NoActorException;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import fi.suoja.policy.Role;
import fi.suoja.spring.boot.MasterKeys;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What a host's {@code @DataJpaTest} gets from the starter: the slice includes Suoja's
 * auto-configuration, so the repository seals, indexes and opens as in production. The subclass of
 * each Boot line (src/test-boot3, src/test-boot4) adds that line's {@code @DataJpaTest}.
 */
public abstract class DataJpaSliceContract {
  static final Actor AINO = Actor.tenantUser("aino.hoitaja", "hoiva", Role.EMPLOYEE);

  @DynamicPropertySource
  static void masterKey(DynamicPropertyRegistry registry) {
    registry.add("suoja.master-key.location", () -> MasterKeys.pkcs12().toString());
  }

  @Autowired Suoja suoja;
  @Autowired Clients clients;
  @Autowired EntityManager em;

  @Test
  void repository_sealsOnSave_andFindsByHetuThroughTheBlindIndex() {
    Client saved =
        PrivacyContext.callAs(
            AINO,
            Purpose.CARE,
            () -> {
              Client c =
                  clients.saveAndFlush(
                      new Client("aino.hoitaja", "Aino", "Virtanen", "131052-308T"));
              em.clear();
              return c;
            });

    List<?> raw = em.createNativeQuery("select hetu from client").getResultList();
    assertThat(raw)
        .singleElement()
        .satisfies(h -> assertThat(String.valueOf(h)).doesNotContain("131052"));
    List<Client> found =
        PrivacyContext.callAs(AINO, Purpose.CARE, () -> clients.findByHetu("131052-308T"));
    assertThat(found)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.id).isEqualTo(saved.id);
              assertThat(c.lastName).isEqualTo("Virtanen");
            });
  }

  @Test
  void save_withoutAnActor_failsClosed() {
    assertThatThrownBy(
            () -> clients.saveAndFlush(new Client("aino.hoitaja", "Eino", "Salo", "010190-999K")))
        .satisfies(e -> assertThat(causes(e)).anyMatch(NoActorException.class::isInstance));
  }

  private static List<Throwable> causes(Throwable e) {
    java.util.ArrayList<Throwable> all = new java.util.ArrayList<>();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.add(t);
    }
    return all;
  }
}
