package fi.suoja.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.SuojaException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SensitiveValuesTest {

  private final Masker masker = Anonymiser.instance();

  @AfterEach
  void noScopeLeaks() {
    assertThat(SensitiveValues.current()).isEmpty();
  }

  @Test
  void register_noScope_failsClosed() {
    assertThatThrownBy(() -> SensitiveValues.register("Virtanen"))
        .isInstanceOf(SuojaException.class)
        .hasMessageStartingWith("SUOJA-2002")
        .hasMessageNotContaining("Virtanen");
  }

  @Test
  void open_nested_sharesValuesAndRestoresOuterOnClose() {
    try (SensitiveValues.Scope outer = SensitiveValues.open()) {
      outer.register("Korhonen");
      try (SensitiveValues.Scope inner = SensitiveValues.open()) {
        SensitiveValues.register("Nieminen");
        assertThat(SensitiveValues.current()).containsSame(inner);
        assertThat(masker.mask("Korhonen Nieminen")).isEqualTo("<personal> <personal>");
      }
      assertThat(SensitiveValues.current()).containsSame(outer);
      // a value decrypted in the nested step may still flow into the outer step's logs
      assertThat(masker.mask("Nieminen")).isEqualTo("<personal>");
    }
    assertThat(masker.mask("Nieminen")).isEqualTo("Nieminen");
  }

  @Test
  void close_outOfOrder_failsAndKeepsInnerCurrent() {
    SensitiveValues.Scope outer = SensitiveValues.open();
    SensitiveValues.Scope inner = SensitiveValues.open();
    assertThatThrownBy(outer::close).hasMessageStartingWith("SUOJA-2003");
    assertThat(SensitiveValues.current()).containsSame(inner);
    inner.close();
    outer.close();
    outer.close(); // twice: nothing
  }

  @Test
  void close_onAnotherThread_fails() throws Exception {
    SensitiveValues.Scope scope = SensitiveValues.open();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<?> closing = pool.submit(scope::close);
      assertThatThrownBy(closing::get)
          .hasRootCauseMessage(
              "SUOJA-2003: SensitiveValues scope closed out of order or on another thread than the one"
                  + " that opened it");
    } finally {
      scope.close();
      pool.shutdown();
      assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void wrap_runsOnOtherThreadWithTheCapturedValues() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (SensitiveValues.Scope scope = SensitiveValues.open()) {
      scope.register("Hämäläinen");
      Future<String> masked =
          pool.submit(SensitiveValues.wrap(() -> masker.mask("hello Hämäläinen")));
      assertThat(masked.get()).isEqualTo("hello <personal>");
      Future<String> unwrapped = pool.submit(() -> masker.mask("hello Hämäläinen"));
      assertThat(unwrapped.get()).isEqualTo("hello Hämäläinen");
      Future<?> registering =
          pool.submit(SensitiveValues.wrap(() -> SensitiveValues.register("Lahtinen")));
      registering.get();
      assertThat(masker.mask("Lahtinen")).isEqualTo("<personal>");
      Future<Boolean> afterwards = pool.submit(() -> SensitiveValues.current().isPresent());
      assertThat(afterwards.get()).isFalse();
    } finally {
      pool.shutdown();
      assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void open_withMasker_selectedByScopedSelectorAndInherited() {
    Masker tenant = Pseudonymiser.withKey(new SecretKeySpec(new byte[32], "HmacSHA256"));
    assertThat(MaskerSelector.scoped().select()).isSameAs(Anonymiser.instance());
    try (SensitiveValues.Scope scope = SensitiveValues.open(tenant)) {
      assertThat(scope.masker()).containsSame(tenant);
      assertThat(MaskerSelector.scoped().select()).isSameAs(tenant);
      try (SensitiveValues.Scope nested = SensitiveValues.open()) {
        assertThat(nested.masker()).containsSame(tenant);
      }
    }
    assertThat(MaskerSelector.scoped().select()).isSameAs(Anonymiser.instance());
  }

  @Test
  void register_interleavedWithMasking_everyValueMaskedFromItsRegistrationOn() {
    try (SensitiveValues.Scope scope = SensitiveValues.open()) {
      for (int i = 0; i < 3000; i++) {
        String name = "Nimi" + Integer.toString(i, 36) + "x";
        SensitiveValues.register(name);
        if (i % 97 == 0) {
          // a masking in between: what was registered before it is masked, later values too
          assertThat(masker.mask("a " + name + " b")).isEqualTo("a <personal> b");
        }
      }
      assertThat(masker.mask("Nimi0x Nimi2bbx Nimi2bbx"))
          .isEqualTo("<personal> <personal> <personal>");
      assertThat(scope.size()).isEqualTo(3000);
    }
  }

  @Test
  void register_builderChangedAfterwards_theRegisteredTextIsMasked() {
    try (SensitiveValues.Scope scope = SensitiveValues.open()) {
      StringBuilder b = new StringBuilder("Lehtonen");
      scope.register(b);
      b.setLength(0);
      b.append("Other");
      assertThat(masker.mask("Lehtonen Other")).isEqualTo("<personal> Other");
    }
  }

  @Test
  void toString_neverPrintsValues() {
    try (SensitiveValues.Scope scope = SensitiveValues.open()) {
      scope.register("Jääskeläinen");
      assertThat(scope.toString()).doesNotContain("Jääskeläinen").contains("values=1");
    }
  }

  @Test
  void openWithoutMasker_sharesValuesButNotTheOuterMasker_untilMaskWith() {
    Masker tenantB =
        Pseudonymiser.withKey(new javax.crypto.spec.SecretKeySpec(new byte[32], "HmacSHA256"));
    try (SensitiveValues.Scope outer = SensitiveValues.open(Anonymiser.instance())) {
      outer.register("Korhonen");
      try (SensitiveValues.Scope inner = SensitiveValues.openWithoutMasker()) {
        assertThat(inner.masker()).isEmpty();
        assertThat(MaskerSelector.scoped().select()).isSameAs(Anonymiser.instance());
        assertThat(inner.maskWith(tenantB)).isTrue();
        assertThat(inner.maskWith(Anonymiser.instance())).as("the first masker stays").isFalse();
        assertThat(MaskerSelector.scoped().select()).isSameAs(tenantB);
        assertThat(masker.mask("Korhonen")).isEqualTo("<personal>");
      }
      assertThat(outer.masker()).containsSame(Anonymiser.instance());
    }
  }

  @Test
  void release_ofTheCurrentScope_restoresTheOuterOne() {
    try (SensitiveValues.Scope outer = SensitiveValues.open()) {
      SensitiveValues.Scope lazy = SensitiveValues.open();
      lazy.release();
      assertThat(SensitiveValues.current()).containsSame(outer);
      lazy.release();
      lazy.close(); // released: nothing to do
    }
  }

  @Test
  void release_underAnOpenScope_takesEffectWhenThatOneCloses() {
    SensitiveValues.Scope lazy = SensitiveValues.open();
    lazy.register("Korhonen");
    try (SensitiveValues.Scope later = SensitiveValues.open()) {
      lazy.release(); // out of order: no SUOJA-2003, the later scope stays current
      assertThat(SensitiveValues.current()).containsSame(later);
      assertThat(masker.mask("Korhonen")).isEqualTo("<personal>");
    }
    assertThat(SensitiveValues.current()).as("the released scope is not current again").isEmpty();
  }

  @Test
  void release_fromAnotherThread_endsTheScopeOnItsOwnThread() throws Exception {
    SensitiveValues.Scope lazy = SensitiveValues.open();
    lazy.register("Korhonen");
    Thread other = new Thread(lazy::release);
    other.start();
    other.join(5000);
    assertThat(SensitiveValues.current()).isEmpty();
    assertThatThrownBy(() -> SensitiveValues.register("Nieminen"))
        .hasMessageStartingWith("SUOJA-2002");
    assertThat(masker.mask("Korhonen")).isEqualTo("Korhonen");
  }
}
