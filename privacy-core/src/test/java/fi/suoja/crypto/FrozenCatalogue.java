package fi.suoja.crypto;

import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.WrappedKeyStore;
import java.util.List;
import java.util.Map;

/**
 * The frozen format-1 catalogue (src/test/resources/frozen/v1/catalogue): which fields, contexts
 * and plaintexts it holds. Shared by {@link FrozenCatalogueGenerator}, which wrote it once, and
 * {@link FrozenCatalogueTest}, which reads it in every build. Changing anything here changes what
 * the test expects: never do, add a new catalogue instead.
 */
final class FrozenCatalogue {
  static final String TENANT = "frozen";

  private FrozenCatalogue() {}

  /** The runtime both sides use: the tests' master key 1 and the catalogue's field options. */
  static SuojaCrypto crypto(WrappedKeyStore store) {
    return SuojaCrypto.builder()
        .keyProvider(KeyProvider.inMemory(Map.of(1, TestCrypto.MASTER_1)))
        .wrappedKeyStore(store)
        .field("Note", "text", FieldOptions.defaults())
        .field("Note", "padded", FieldOptions.defaults().padToBucket(16))
        .field("Note", "padded64", FieldOptions.defaults().padToBucket(64))
        .field("Person", "hetu", FieldOptions.defaults().blindIndex(Normalization.HETU))
        .field("Person", "email", FieldOptions.defaults().blindIndex(Normalization.EMAIL, 24))
        .field("Person", "phone", FieldOptions.defaults().blindIndex(Normalization.PHONE, 32))
        .field("Person", "lastName", FieldOptions.defaults().blindIndex(Normalization.NAME, 64))
        .field("Person", "code", FieldOptions.defaults().blindIndex(Normalization.EXACT, 128))
        .field("Person", "firstName", FieldOptions.defaults().normalization(Normalization.NAME))
        .compoundIndex("Person", "fullName", 32, "firstName", "lastName")
        .build();
  }

  /**
   * One envelope: where it was sealed, under which key and what it holds. {@code subjectId} null
   * means a tenant key; {@code version} is the tenant key version current when it was sealed.
   */
  record Envelope(
      String name,
      int version,
      String entity,
      String field,
      String row,
      boolean policy,
      String owner,
      String subject,
      String subjectId,
      String plaintext) {
    CipherContext context() {
      CipherContext c = CipherContext.of(TENANT, entity, field);
      if (row != null) {
        c = c.withRow(row);
      }
      return policy ? c.withPolicy(owner, subject) : c;
    }
  }

  /** Sealed under tenant key version 1, before the rotation. */
  static final List<Envelope> BEFORE_ROTATION =
      List.of(
          new Envelope(
              "tenant-unpadded", 1, "Note", "text", null, false, null, null, null, "Hei maailma"),
          new Envelope(
              "tenant-unpadded-row",
              1,
              "Note",
              "text",
              "n-1",
              false,
              null,
              null,
              null,
              "Asiakas kävi vastaanotolla \uD83D\uDE42"),
          new Envelope(
              "tenant-padded", 1, "Note", "padded", null, false, null, null, null, "010190-999K"),
          new Envelope(
              "tenant-padded-row",
              1,
              "Note",
              "padded",
              "n-2",
              false,
              null,
              null,
              null,
              "Matti Meikäläinen, puhelin 040 123 4567"),
          new Envelope(
              "tenant-padded64-row-empty",
              1,
              "Note",
              "padded64",
              "n-3",
              false,
              null,
              null,
              null,
              ""),
          new Envelope(
              "tenant-policy-row",
              1,
              "Note",
              "text",
              "n-4",
              true,
              "e-1",
              "c-1",
              null,
              "sidottu omistajaan"),
          new Envelope(
              "tenant-policy-no-owner",
              1,
              "Note",
              "padded",
              "n-5",
              true,
              null,
              "c-2",
              null,
              "ei omistajaa"),
          new Envelope(
              "subject-unpadded-row",
              1,
              "Note",
              "text",
              "n-6",
              false,
              null,
              null,
              "c-42",
              "poistettava tieto"),
          new Envelope(
              "subject-padded",
              1,
              "Note",
              "padded",
              null,
              false,
              null,
              null,
              "c-42",
              "131052-308T"),
          new Envelope(
              "subject-policy-row",
              1,
              "Note",
              "text",
              "n-7",
              true,
              "e-1",
              "c-42",
              "c-42",
              "sidottu ja poistettava"));

  /** Sealed under tenant key version 2, after one rotation. */
  static final List<Envelope> AFTER_ROTATION =
      List.of(
          new Envelope(
              "tenant-v2-padded-row",
              2,
              "Note",
              "padded",
              "n-8",
              false,
              null,
              null,
              null,
              "versio kaksi"));

  /** One blind index: (field or compound index name, value(s)); candidates cover v1 and v2. */
  record Index(String name, String field, List<String> values) {}

  static final List<Index> INDEXES =
      List.of(
          new Index("hetu", "hetu", List.of(" 010190-999k ")),
          new Index("hetu-new-sign", "hetu", List.of("010101Y123E")),
          new Index("email", "email", List.of(" Matti.Meikalainen@Example.FI")),
          new Index("phone", "phone", List.of("+358 40 123 4567")),
          new Index("lastName", "lastName", List.of("  Meikäläinen ")),
          new Index("code", "code", List.of("AB-123")),
          new Index("fullName", null, List.of("MATTI", "Meikäläinen")));
}
