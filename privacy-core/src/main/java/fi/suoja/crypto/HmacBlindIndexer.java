package fi.suoja.crypto;

import fi.suoja.crypto.internal.HmacSha256;
import fi.suoja.crypto.internal.LengthPrefixed;
import fi.suoja.crypto.internal.SubKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** {@link BlindIndexer}: truncated HMAC-SHA256 under per-tenant, per-field derived keys. */
final class HmacBlindIndexer implements BlindIndexer {
  /** A compound index: its fields in order, with their normalisations. */
  record Compound(
      String entity,
      String name,
      int bits,
      List<String> fields,
      List<Normalization> normalizations) {}

  private final KeyCache keys;
  private final Map<String, Map<String, FieldOptions>> options;
  private final Map<String, Map<String, Compound>> compounds;

  HmacBlindIndexer(
      KeyCache keys,
      Map<String, Map<String, FieldOptions>> options,
      Map<String, Map<String, Compound>> compounds) {
    this.keys = keys;
    this.options = options;
    this.compounds = compounds;
  }

  @Override
  public BlindIndex index(String tenant, String entity, String field, String value) {
    FieldOptions o = fieldOptions(tenant, entity, field, value);
    byte[] input = o.normalization().normalise(value).getBytes(StandardCharsets.UTF_8);
    return compute(
        keys.currentKey(tenant), SubKeys.BLIND_INDEX, entity, field, input, o.blindIndexBits());
  }

  @Override
  public List<BlindIndex> candidates(String tenant, String entity, String field, String value) {
    FieldOptions o = fieldOptions(tenant, entity, field, value);
    byte[] input = o.normalization().normalise(value).getBytes(StandardCharsets.UTF_8);
    Set<BlindIndex> out = new LinkedHashSet<>();
    for (DataKey key : keys.allKeys(tenant)) {
      out.add(compute(key, SubKeys.BLIND_INDEX, entity, field, input, o.blindIndexBits()));
    }
    return List.copyOf(out);
  }

  @Override
  public BlindIndex indexCompound(String tenant, String entity, String index, List<String> values) {
    Compound c = compound(tenant, entity, index, values);
    return compute(
        keys.currentKey(tenant),
        SubKeys.COMPOUND_INDEX,
        entity,
        index,
        compoundInput(c, values),
        c.bits());
  }

  @Override
  public List<BlindIndex> candidatesCompound(
      String tenant, String entity, String index, List<String> values) {
    Compound c = compound(tenant, entity, index, values);
    byte[] input = compoundInput(c, values);
    Set<BlindIndex> out = new LinkedHashSet<>();
    for (DataKey key : keys.allKeys(tenant)) {
      out.add(compute(key, SubKeys.COMPOUND_INDEX, entity, index, input, c.bits()));
    }
    return List.copyOf(out);
  }

  /** The purpose label of each prefix length, one instance each (the key cache compares them). */
  private static final String[] PREFIX_PURPOSES = prefixPurposes();

  @Override
  public BlindIndex prefixIndex(String tenant, String entity, String field, String value) {
    FieldOptions o = prefixOptions(tenant, entity, field, value);
    String normalised = o.prefixNormalization().normalise(value);
    return compute(
        keys.currentKey(tenant),
        PREFIX_PURPOSES[o.prefixLength()],
        entity,
        field,
        head(normalised, o.prefixLength()),
        o.prefixBits());
  }

  @Override
  public List<BlindIndex> prefixCandidates(
      String tenant, String entity, String field, String prefix) {
    FieldOptions o = prefixOptions(tenant, entity, field, prefix);
    String normalised = o.prefixNormalization().normalise(prefix);
    if (normalised.codePointCount(0, normalised.length()) < o.prefixLength()) {
      throw new InvalidInputException(
          "SUOJA-1513",
          "a prefix search of "
              + entity
              + "."
              + field
              + " needs at least "
              + o.prefixLength()
              + " characters (after normalisation), the length its prefix index covers; shorter"
              + " prefixes would need an index that leaks more");
    }
    byte[] input = head(normalised, o.prefixLength());
    Set<BlindIndex> out = new LinkedHashSet<>();
    for (DataKey key : keys.allKeys(tenant)) {
      out.add(
          compute(key, PREFIX_PURPOSES[o.prefixLength()], entity, field, input, o.prefixBits()));
    }
    return List.copyOf(out);
  }

  /** The first {@code length} code points of {@code normalised} (all when shorter), as UTF-8. */
  private static byte[] head(String normalised, int length) {
    int end =
        normalised.codePointCount(0, normalised.length()) <= length
            ? normalised.length()
            : normalised.offsetByCodePoints(0, length);
    return normalised.substring(0, end).getBytes(StandardCharsets.UTF_8);
  }

  private static String[] prefixPurposes() {
    String[] out = new String[FieldOptions.MAX_PREFIX_LENGTH + 1];
    for (int i = 1; i < out.length; i++) {
      out[i] = SubKeys.PREFIX_INDEX + i;
    }
    return out;
  }

  private FieldOptions prefixOptions(String tenant, String entity, String field, String value) {
    Objects.requireNonNull(value, "value");
    CipherContext.of(tenant, entity, field); // validates the names
    FieldOptions o = EnvelopeFieldCipher.optionsOf(options, entity, field);
    if (o.prefixLength() == 0) {
      throw new InvalidInputException(
          "SUOJA-1512",
          "no prefix index is configured for "
              + entity
              + "."
              + field
              + ": annotate an attribute @BlindIndex(of = \""
              + field
              + "\", prefix = 3) in an entity given to Suoja.builder().entities(...), or give"
              + " the field FieldOptions.prefixIndex");
    }
    return o;
  }

  private FieldOptions fieldOptions(String tenant, String entity, String field, String value) {
    Objects.requireNonNull(value, "value");
    CipherContext.of(tenant, entity, field); // validates the names
    FieldOptions o = EnvelopeFieldCipher.optionsOf(options, entity, field);
    if (o.blindIndexBits() == 0) {
      throw new InvalidInputException(
          "SUOJA-1023",
          "no blind index is configured for "
              + entity
              + "."
              + field
              + ": annotate an attribute"
              + " @BlindIndex(of = \""
              + field
              + "\") in an entity given to"
              + " Suoja.builder().entities(...), or give the field FieldOptions.blindIndex in"
              + " Suoja.builder().crypto(c -> c.field(...))");
    }
    return o;
  }

  private Compound compound(String tenant, String entity, String index, List<String> values) {
    Objects.requireNonNull(values, "values");
    CipherContext.of(tenant, entity, index);
    Map<String, Compound> byName = compounds.get(entity);
    Compound c = byName == null ? null : byName.get(index);
    if (c == null) {
      throw new InvalidInputException(
          "SUOJA-1023",
          "no compound index "
              + index
              + " is configured for "
              + entity
              + ": declare it with"
              + " Suoja.builder().crypto(c -> c.compoundIndex(...))");
    }
    if (values.size() != c.fields().size()) {
      throw new InvalidInputException(
          "SUOJA-1023",
          "compound index " + entity + "." + index + " takes " + c.fields().size() + " values");
    }
    for (int i = 0; i < values.size(); i++) {
      Objects.requireNonNull(values.get(i), "values[" + i + "]");
    }
    return c;
  }

  private static byte[] compoundInput(Compound c, List<String> values) {
    List<byte[]> parts = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      byte[] normalised =
          c.normalizations().get(i).normalise(values.get(i)).getBytes(StandardCharsets.UTF_8);
      if (normalised.length > LengthPrefixed.MAX_COMPONENT) {
        throw new InvalidInputException(
            "SUOJA-1023", "value " + i + " of compound index " + c.name() + " is too long");
      }
      parts.add(LengthPrefixed.bytes(normalised));
    }
    return LengthPrefixed.concat(parts.toArray(new byte[0][]));
  }

  private static BlindIndex compute(
      DataKey key, String purpose, String entity, String name, byte[] input, int bits) {
    byte[] mac = key.indexKey(purpose, entity, name).mac(input);
    return new BlindIndex(key.id(), bits, HmacSha256.truncate(mac, bits));
  }

  @Override
  public String toString() {
    return "BlindIndexer[entities=" + options.size() + ", withCompounds=" + compounds.size() + "]";
  }
}
