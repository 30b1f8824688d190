package fi.suoja.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Blind indexes are equal iff the normalised values are equal (up to the configured false positive
 * rate 2^-bits), differ across tenants, fields and key versions, and follow the category
 * normalisations (the HETU century sign is never folded away).
 */
class BlindIndexProperties {
  private final SuojaCrypto crypto = TestCrypto.twoTenants();
  private final BlindIndexer indexer = crypto.blindIndexer();

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.of(
        "Mäkinen",
        "makinen",
        " MAKINEN ",
        "Mäki-Nen",
        "Virtanen",
        "Ödön",
        "odon",
        "Anna  Maria",
        "anna maria",
        "Åström",
        "astrom",
        "Łukasz",
        "lukasz",
        "");
  }

  @Property
  void index_names_equalIffNormalisedEqual(@ForAll("names") String a, @ForAll("names") String b) {
    BlindIndex ia = indexer.index("acme", "Client", "lastName", a);
    BlindIndex ib = indexer.index("acme", "Client", "lastName", b);
    boolean same = Normalization.NAME.normalise(a).equals(Normalization.NAME.normalise(b));
    assertThat(ia.equals(ib)).isEqualTo(same);
  }

  @Property(tries = 2000)
  void index_anyStrings_equalIffNormalisedEqual(@ForAll String a, @ForAll String b) {
    // 32 bits: a false positive among 2000 pairs has probability < 2^-20
    BlindIndex ia = indexer.index("acme", "Client", "lastName", a);
    BlindIndex ib = indexer.index("acme", "Client", "lastName", b);
    boolean same = Normalization.NAME.normalise(a).equals(Normalization.NAME.normalise(b));
    assertThat(ia.equals(ib)).isEqualTo(same);
    assertThat(ia.bits()).isEqualTo(32);
    assertThat(ia.toText()).hasSize(6);
  }

  @Property
  void index_sameValue_differsAcrossTenantsAndFields(@ForAll String value) {
    BlindIndex acme = indexer.index("acme", "Employee", "email", value);
    BlindIndex globex = indexer.index("globex", "Employee", "email", value);
    BlindIndex phone = indexer.index("acme", "Employee", "phone", value);
    // 24- and 32-bit indexes: chance collisions are below 2^-24 per try
    assertThat(acme).isNotEqualTo(globex);
    assertThat(acme.toText()).isNotEqualTo(phone.toText().substring(0, 4));
  }

  @Example
  void index_hetu_keepsCenturySignAndFoldsCaseAndSpace() {
    BlindIndex dash = indexer.index("acme", "Client", "hetu", "010190-999K");
    assertThat(indexer.index("acme", "Client", "hetu", " 010190-999k ")).isEqualTo(dash);
    assertThat(indexer.index("acme", "Client", "hetu", "010190Y999K")).isNotEqualTo(dash);
    assertThat(indexer.index("acme", "Client", "hetu", "010190A999K")).isNotEqualTo(dash);
  }

  @Example
  void index_phoneAndEmail_foldToOneForm() {
    BlindIndex p = indexer.index("acme", "Employee", "phone", "+358 40 123 4567");
    assertThat(indexer.index("acme", "Employee", "phone", "040-123 4567")).isEqualTo(p);
    assertThat(indexer.index("acme", "Employee", "phone", "00358401234567")).isEqualTo(p);
    assertThat(indexer.index("acme", "Employee", "phone", "+46 40 123 4567")).isNotEqualTo(p);
    BlindIndex e = indexer.index("acme", "Employee", "email", " Matti.Virtanen@Example.FI");
    assertThat(indexer.index("acme", "Employee", "email", "matti.virtanen@example.fi"))
        .isEqualTo(e);
    assertThat(e.bits()).isEqualTo(24);
    assertThat(e.bytes()).hasSize(3);
  }

  @Example
  void candidates_afterRotation_containOldAndNewIndex() {
    SuojaCrypto local = TestCrypto.twoTenants();
    BlindIndex v1 = local.blindIndexer().index("acme", "Client", "hetu", "010190-999K");
    local.keyring().rotate("acme");
    BlindIndex v2 = local.blindIndexer().index("acme", "Client", "hetu", "010190-999K");
    assertThat(v2.keyId().version()).isEqualTo(2);
    assertThat(local.blindIndexer().candidates("acme", "Client", "hetu", "010190-999K"))
        .containsExactly(v2, v1);
  }

  @Property
  void indexCompound_equalIffEveryNormalisedPartEqual(
      @ForAll("names") String first1,
      @ForAll("names") String last1,
      @ForAll("names") String first2,
      @ForAll("names") String last2) {
    BlindIndex a = indexer.indexCompound("acme", "Client", "fullName", List.of(first1, last1));
    BlindIndex b = indexer.indexCompound("acme", "Client", "fullName", List.of(first2, last2));
    boolean same =
        Normalization.NAME.normalise(first1).equals(Normalization.NAME.normalise(first2))
            && Normalization.NAME.normalise(last1).equals(Normalization.NAME.normalise(last2));
    assertThat(a.equals(b)).isEqualTo(same);
  }

  @Example
  void indexCompound_componentBoundaries_areUnambiguous() {
    BlindIndex a = indexer.indexCompound("acme", "Client", "fullName", List.of("ab", "c"));
    BlindIndex b = indexer.indexCompound("acme", "Client", "fullName", List.of("a", "bc"));
    assertThat(a).isNotEqualTo(b);
  }

  @Example
  void normalise_name_foldsAccentsCaseAndSpaces() {
    assertThat(Normalization.NAME.normalise("  Ärjä  Åström\tMäkinen "))
        .isEqualTo("arja astrom makinen");
    assertThat(Normalization.NAME.normalise("ﬁnn")).isEqualTo("finn");
    assertThat(Normalization.PHONE.normalise("+358 (0)40 123")).isEqualTo("0040123");
    assertThat(Normalization.EXACT.normalise(" A ")).isEqualTo(" A ");
  }

  @Property(tries = 300)
  void toHex_isLowerCaseHexOfTheBytes_andEqualIffIndexesEqual(@ForAll String a, @ForAll String b) {
    BlindIndex x = indexer.index("acme", "Client", "lastName", a);
    BlindIndex y = indexer.index("acme", "Client", "lastName", b);
    assertThat(x.toHex()).matches("[0-9a-f]+").hasSize(2 * x.bytes().length);
    assertThat(java.util.HexFormat.of().parseHex(x.toHex())).isEqualTo(x.bytes());
    // what a case-insensitive collation compares: equal exactly when the indexes are equal
    assertThat(x.toHex().equalsIgnoreCase(y.toHex())).isEqualTo(x.equals(y));
  }
}
