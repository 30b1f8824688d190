package fi.suoja.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.policy.Actor;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import fi.suoja.policy.Role;
import fi.suoja.spring.boot.app.AsyncWork;
import fi.suoja.spring.boot.app.CareApp;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code @Async} work runs as the actor who handed it over: the starter's TaskDecorator carries the
 * PrivacyContext (actor, tenant, purpose) onto Boot's task executor; work handed over outside any
 * context runs as nobody (and fails closed on personal data).
 */
@SpringBootTest(classes = CareApp.class)
class AsyncContextTest {
  @DynamicPropertySource
  static void masterKey(DynamicPropertyRegistry registry) {
    registry.add("suoja.master-key.location", () -> MasterKeys.pkcs12().toString());
  }

  @Autowired AsyncWork work;

  @Test
  void asyncWork_runsAsTheActorWhoHandedItOver_onAnotherThread() throws Exception {
    Actor aino = Actor.tenantUser("aino.hoitaja", "hoiva", Role.EMPLOYEE);
    String caller = Thread.currentThread().getName();

    String seen =
        PrivacyContext.callAs(aino, Purpose.CARE, () -> work.whoAmI()).get(10, TimeUnit.SECONDS);

    assertThat(seen).startsWith("aino.hoitaja@hoiva on ").doesNotEndWith(" on " + caller);
  }

  @Test
  void asyncWork_handedOverOutsideAnyContext_runsAsNobody() throws Exception {
    assertThat(work.whoAmI().get(10, TimeUnit.SECONDS)).startsWith("nobody on ");
  }
}
