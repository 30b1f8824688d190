package fi.suoja.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PrivacyContextTest {
  final Actor alice = Actor.tenantUser("e-alice", "A", Role.EMPLOYEE);
  final Actor bob = Actor.tenantUser("e-bob", "A", Role.ORG_ADMIN);

  @Test
  void current_outsideAnyScope_isEmpty_andRequireFails() {
    assertThat(PrivacyContext.current()).isEmpty();
    assertThatThrownBy(PrivacyContext::require)
        .isInstanceOf(NoActorException.class)
        .hasMessageStartingWith("SUOJA-3002");
  }

  @Test
  void runAs_nested_restoresOuterScope_evenOnException() {
    PrivacyContext.runAs(
        alice,
        Purpose.CARE,
        () -> {
          assertThatThrownBy(
                  () ->
                      PrivacyContext.runAs(
                          bob,
                          Purpose.ADMINISTRATION,
                          () -> {
                            assertThat(PrivacyContext.require().actor()).isEqualTo(bob);
                            throw new IllegalStateException("boom");
                          }))
              .isInstanceOf(IllegalStateException.class);
          assertThat(PrivacyContext.require().actor()).isEqualTo(alice);
          assertThat(PrivacyContext.require().purpose()).contains(Purpose.CARE);
        });
    assertThat(PrivacyContext.current()).isEmpty();
  }

  @Test
  void wrap_carriesContextIntoAnotherThread_andNotBeyond() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<String> seen =
          PrivacyContext.callAs(
              alice,
              Purpose.CARE,
              () ->
                  pool.submit(
                      PrivacyContext.wrap(() -> PrivacyContext.require().actor().userId())));
      assertThat(seen.get(5, TimeUnit.SECONDS)).isEqualTo("e-alice");
      Future<Optional<PrivacyContext>> after = pool.submit(PrivacyContext::current);
      assertThat(after.get(5, TimeUnit.SECONDS)).isEmpty();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void propagating_executor_runsTaskInSubmittersContext() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CompletableFuture<String> seen = new CompletableFuture<>();
      PrivacyContext.runAs(
          bob,
          Purpose.ADMINISTRATION,
          () ->
              PrivacyContext.propagating(pool)
                  .execute(() -> seen.complete(PrivacyContext.require().actor().userId())));
      assertThat(seen.get(5, TimeUnit.SECONDS)).isEqualTo("e-bob");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void resolve_usesResolverOnlyWhenNoScopeIsOpen() {
    ActorResolver resolver = () -> Optional.of(bob);

    assertThat(PrivacyContext.resolve(resolver).actor()).isEqualTo(bob);
    PrivacyContext.runAs(
        alice, null, () -> assertThat(PrivacyContext.resolve(resolver).actor()).isEqualTo(alice));
    assertThatThrownBy(() -> PrivacyContext.resolve(ActorResolver.none()))
        .isInstanceOf(NoActorException.class);
  }

  @Test
  void tenant_isActorsOwn_orTheOneAProviderActorWorksOn() {
    Actor support = Actor.providerUser("s-1", Role.PROVIDER_SUPPORT);

    PrivacyContext.runAs(
        alice, null, () -> assertThat(PrivacyContext.require().tenant()).contains("A"));
    PrivacyContext.runAs(
        support, null, () -> assertThat(PrivacyContext.require().tenant()).isEmpty());
    PrivacyContext.runOn(
        "B",
        support,
        Purpose.ACCOUNT_MANAGEMENT,
        () -> assertThat(PrivacyContext.require().tenant()).contains("B"));
    assertThatThrownBy(() -> PrivacyContext.runOn("B", alice, null, () -> {}))
        .isInstanceOf(InvalidActorException.class)
        .hasMessageStartingWith("SUOJA-3011");
  }
}
