package fi.suoja.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.SuojaConfigurationException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Prefix indexes ({@link FieldOptions#prefixIndex}): equal iff the first characters of the
 * normalised values are equal, unrelated across tenants and to the field's equality index, refused
 * for HETU, and a search shorter than the indexed length is refused.
 */
class PrefixIndexProperties {
  /** 64 bits, so that "never equal" below fails by chance with probability 2^-64 per pair. */
  private final SuojaCrypto crypto =
      TestCrypto.twoTenants(
          b ->
              b.field(
                  "Resident",
                  "surname",
                  FieldOptions.defaults()
                      .blindIndex(Normalization.NAME, 64)
                      .prefixIndex(Normalization.NAME, 3, 64)));

  private final BlindIndexer indexer = crypto.blindIndexer();

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.of(
        "Virtanen",
        "Virta",
        "virkkunen",
        "VIRTALA",
        "Koski",
        "Korhonen",
        "Kör",
        "Mäkinen",
        "makela",
        "Ek",
        "Åberg",
        "aberg",
        "Lindqvist",
        "Li");
  }

  @Property
  void prefixIndex_equalIffFirstThreeNormalisedCharactersEqual(
      @ForAll("names") String a, @ForAll("names") String b) {
    String na = Normalization.NAME.normalise(a);
    String nb = Normalization.NAME.normalise(b);
    boolean same = head(na).equals(head(nb));
    assertThat(indexer.prefixIndex("acme", "Resident", "surname", a))
        .matches(i -> i.equals(indexer.prefixIndex("acme", "Resident", "surname", b)) == same);
  }

  @Property
  void prefixIndex_ofTwoTenants_neverMatchForTheSameName(@ForAll("names") String name) {
    BlindIndex acme = indexer.prefixIndex("acme", "Resident", "surname", name);
    BlindIndex globex = indexer.prefixIndex("globex", "Resident", "surname", name);
    assertThat(acme.toHex()).isNotEqualTo(globex.toHex());
  }

  @Property
  void prefixCandidates_ofAPrefix_containTheStoredIndexOfEveryNameStartingWithIt(
      @ForAll("names") String name) {
    String normalised = Normalization.NAME.normalise(name);
    if (normalised.length() < 3) {
      return;
    }
    BlindIndex stored = indexer.prefixIndex("acme", "Resident", "surname", name);
    // every searched prefix at least as long as the index: only its first 3 characters count
    for (int k = 3; k <= name.length(); k++) {
      if (Normalization.NAME.normalise(name.substring(0, k)).length() < 3) {
        continue;
      }
      assertThat(indexer.prefixCandidates("acme", "Resident", "surname", name.substring(0, k)))
          .as("prefix of %d characters", k)
          .contains(stored);
    }
  }

  @Example
  void prefixIndex_isUnrelatedToTheEqualityIndexOfTheSameText() {
    // "vir" is both a whole value and a prefix: the two indexes have separate keys
    assertThat(indexer.prefixIndex("acme", "Resident", "surname", "Vir").toHex())
        .isNotEqualTo(indexer.index("acme", "Resident", "surname", "Vir").toHex());
  }

  @Example
  void prefixCandidates_shorterThanTheIndexedLength_refusedNamingTheMinimum() {
    assertThatThrownBy(() -> indexer.prefixCandidates("acme", "Resident", "surname", " Vi "))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("SUOJA-1513")
        .hasMessageContaining("at least 3 characters")
        .hasMessageNotContaining("Vi ");
  }

  @Example
  void prefixIndex_onAFieldWithout_refused() {
    assertThatThrownBy(() -> indexer.prefixIndex("acme", "Client", "lastName", "Virtanen"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("SUOJA-1512");
  }

  @Example
  void prefixIndex_forHetu_refused_becauseAHetuPrefixIsABirthDate() {
    assertThatThrownBy(() -> FieldOptions.defaults().prefixIndex(Normalization.HETU, 6, 16))
        .isInstanceOf(SuojaConfigurationException.class)
        .hasMessageContaining("SUOJA-1510")
        .hasMessageContaining("birth date");
  }

  @Example
  void prefixIndex_lengthOutsideOneToEight_refused() {
    assertThatThrownBy(() -> FieldOptions.defaults().prefixIndex(Normalization.NAME, 0, 16))
        .hasMessageContaining("SUOJA-1511");
    assertThatThrownBy(() -> FieldOptions.defaults().prefixIndex(Normalization.NAME, 9, 16))
        .hasMessageContaining("SUOJA-1511");
  }

  private static String head(String normalised) {
    return normalised.length() <= 3 ? normalised : normalised.substring(0, 3);
  }
}
