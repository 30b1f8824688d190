package fi.suoja.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.masking.SensitiveValues;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PrivacyContext#open}: the try-with-resources form of {@code runAs}, same nesting rules.
 */
@SuppressWarnings("try") // scopes whose body does not name them are the point
class PrivacyContextScopeTest {
  final Actor alice = Actor.tenantUser("e-alice", "A", Role.EMPLOYEE);
  final Actor bob = Actor.tenantUser("e-bob", "A", Role.ORG_ADMIN);
  final Actor support = Actor.providerUser("s-1", Role.PROVIDER_SUPPORT);

  @AfterEach
  void threadIsClean() {
    assertThat(PrivacyContext.current()).isEmpty();
    assertThat(SensitiveValues.current()).isEmpty();
  }

  /** What a servlet filter's chain.doFilter looks like: it throws checked exceptions. */
  interface Chain {
    void doFilter() throws IOException;
  }

  static void filter(Actor actor, Chain chain) throws IOException {
    try (PrivacyContext.Scope scope = PrivacyContext.open(actor, Purpose.CARE)) {
      chain.doFilter();
    }
  }

  @Test
  void open_inAFilter_checkedExceptionPassesAsItIs_andTheContextEnds() {
    String[] seen = new String[1];
    IOException thrown = new IOException("client went away");

    assertThatThrownBy(
            () ->
                filter(
                    alice,
                    () -> {
                      seen[0] = PrivacyContext.require().actor().userId();
                      assertThat(SensitiveValues.current()).isPresent();
                      throw thrown;
                    }))
        .isSameAs(thrown);

    assertThat(seen[0]).isEqualTo("e-alice");
  }

  @Test
  void open_nested_restoresTheOuterContextOnClose_likeRunAs() {
    try (PrivacyContext.Scope outer = PrivacyContext.open(alice, Purpose.CARE)) {
      assertThat(outer.context().actor()).isEqualTo(alice);
      try (PrivacyContext.Scope inner = PrivacyContext.open(bob, Purpose.ADMINISTRATION)) {
        assertThat(PrivacyContext.require()).isSameAs(inner.context());
        PrivacyContext.runAs(
            alice,
            Purpose.CARE,
            () -> assertThat(PrivacyContext.require().actor()).isEqualTo(alice));
        assertThat(PrivacyContext.require().actor()).isEqualTo(bob);
      }
      assertThat(PrivacyContext.require()).isSameAs(outer.context());
      assertThat(PrivacyContext.require().purpose()).contains(Purpose.CARE);
    }
  }

  @Test
  void openOn_providerActor_worksOnTheTenant_andATenantActorCannotNameAnother() {
    try (PrivacyContext.Scope s = PrivacyContext.openOn("B", support, Purpose.ADMINISTRATION)) {
      assertThat(PrivacyContext.require().tenant()).contains("B");
    }
    assertThatThrownBy(() -> PrivacyContext.openOn("B", alice, Purpose.CARE))
        .isInstanceOf(InvalidActorException.class)
        .hasMessageStartingWith("SUOJA-3011");
  }

  @Test
  void close_outOfOrder_isACodedError_andLeavesNoActorOnTheThread() {
    PrivacyContext.Scope outer = PrivacyContext.open(alice, Purpose.CARE);
    PrivacyContext.Scope inner = PrivacyContext.open(bob, Purpose.ADMINISTRATION);

    assertThatThrownBy(outer::close).hasMessageStartingWith("SUOJA-3012");

    assertThat(PrivacyContext.current()).as("the inner actor is not kept").isEmpty();
    assertThat(SensitiveValues.current()).isEmpty();
    inner.close(); // closed with the outer one: nothing left to do
    outer.close();
  }

  @Test
  void close_twice_doesNothing() {
    PrivacyContext.Scope scope = PrivacyContext.open(alice, Purpose.CARE);
    scope.close();
    scope.close();
  }

  @Test
  void runAs_leavingAnOpenedScopeOpen_failsCoded_andTheThreadIsClean() {
    assertThatThrownBy(
            () ->
                PrivacyContext.runAs(
                    alice, Purpose.CARE, () -> PrivacyContext.open(bob, Purpose.CARE)))
        .hasMessageStartingWith("SUOJA-3012");
  }

  @Test
  void close_onAnotherThread_isACodedError_andChangesNothing() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (PrivacyContext.Scope scope = PrivacyContext.open(alice, Purpose.CARE)) {
      Future<?> closing = pool.submit(scope::close);
      assertThatThrownBy(() -> closing.get(5, TimeUnit.SECONDS))
          .rootCause()
          .hasMessageStartingWith("SUOJA-3013");
      assertThat(PrivacyContext.require().actor()).isEqualTo(alice);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void wrap_ofAnOpenedScope_carriesTheContext_andAScopeLeftOpenInTheTaskEndsWithIt()
      throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<String> seen;
      try (PrivacyContext.Scope scope = PrivacyContext.open(alice, Purpose.CARE)) {
        seen =
            pool.submit(
                PrivacyContext.wrap(
                    () -> {
                      PrivacyContext.open(bob, Purpose.CARE); // a bug: never closed
                      return PrivacyContext.require().actor().userId();
                    }));
        assertThat(seen.get(5, TimeUnit.SECONDS)).isEqualTo("e-bob");
      }
      assertThat(pool.submit(PrivacyContext::current).get(5, TimeUnit.SECONDS)).isEmpty();
      assertThat(pool.submit(SensitiveValues::current).get(5, TimeUnit.SECONDS)).isEmpty();
    } finally {
      pool.shutdownNow();
    }
  }
}
