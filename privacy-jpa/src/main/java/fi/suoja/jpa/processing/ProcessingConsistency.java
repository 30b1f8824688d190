package fi.suoja.jpa.processing;

import fi.suoja.Suoja;
import fi.suoja.SuojaConfigurationException;
import fi.suoja.annotation.ProtectedType;
import fi.suoja.jpa.internal.TransportSecurity;
import fi.suoja.jpa.processing.ProcessingDeclaration.Claim;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a {@link ProcessingRecord} for the two ways a processing description goes wrong: personal
 * data the annotations do not know about, and declared claims the configuration contradicts. Meant
 * for a host's test suite:
 *
 * <pre>{@code
 * @Test
 * void recordOfProcessing_isConsistent() {
 *   ProcessingConsistency.assertConsistent(record);
 * }
 * }</pre>
 *
 * <p>What it checks: an entity attribute whose name looks personal ({@link #LOOKS_PERSONAL}: hetu,
 * ssn, henkilotunnus, email, sahkoposti, phone, puhelin, firstName, lastName, etunimi, sukunimi,
 * address, osoite, iban, birthDate, ...) with none of {@code @PersonalData}, {@code @Encrypted},
 * {@code @BlindIndex}; a special-category (HEALTH) attribute stored unencrypted; each {@link Claim}
 * against the configuration; a retention hold declared for an entity that is not registered.
 *
 * <p>Not checked: anything the names do not reveal. A personal field called {@code note} or {@code
 * x} passes; the heuristic finds forgotten annotations, it does not prove their absence.
 */
public final class ProcessingConsistency {

  /** Name fragments (lower case, underscores removed) that make an attribute look personal. */
  public static final Set<String> LOOKS_PERSONAL =
      Set.of(
          "hetu",
          "ssn",
          "henkilotunnus",
          "socialsecurity",
          "personalid",
          "email",
          "sahkoposti",
          "phone",
          "puhelin",
          "mobile",
          "firstname",
          "lastname",
          "etunimi",
          "sukunimi",
          "fullname",
          "address",
          "osoite",
          "iban",
          "birthdate",
          "syntymaaika");

  /** What kind of problem a finding is. */
  public enum Kind {
    /** An attribute that looks personal carries no Suoja annotation. */
    UNANNOTATED_PERSONAL_FIELD,
    /** A special-category attribute is stored in clear. */
    UNENCRYPTED_SPECIAL_CATEGORY,
    /** A declared statement contradicts the configuration. */
    CONTRADICTION
  }

  /**
   * One problem. Names entities, fields, tenants and claims, never a value.
   *
   * @param kind what kind of problem
   * @param where {@code Entity.field}, a tenant or the claim concerned
   * @param message what is wrong and how to fix it
   */
  public record Finding(Kind kind, String where, String message) {}

  private ProcessingConsistency() {}

  /** Every finding, in a stable order; empty when consistent. */
  public static List<Finding> check(ProcessingRecord record) {
    List<Finding> out = new ArrayList<>();
    for (Class<?> type : record.entityTypes()) {
      ProtectedType model = ProtectedType.of(type);
      String entity = model.entityName();
      for (Field f : model.instanceFields()) {
        if (looksPersonal(f) && !model.isAnnotated(f.getName())) {
          out.add(
              new Finding(
                  Kind.UNANNOTATED_PERSONAL_FIELD,
                  entity + "." + f.getName(),
                  "looks like personal data but has no @PersonalData (and no @Encrypted): annotate it,"
                      + " or rename it if it is not personal data"));
        }
      }
    }
    for (PersonalField f : record.fields()) {
      if (f.specialCategory() && !f.encrypted()) {
        out.add(
            new Finding(
                Kind.UNENCRYPTED_SPECIAL_CATEGORY,
                f.entity() + "." + f.field(),
                "special-category (Art. 9) data is stored unencrypted: add @Encrypted"));
      }
    }
    Set<Claim> claims = record.declared().claims();
    if (claims.contains(Claim.CLIENT_DATA_NEVER_IN_LOGS)) {
      record.clientDataInLogs().entrySet().stream()
          .filter(e -> e.getValue())
          .map(e -> e.getKey())
          .sorted()
          .forEach(
              t ->
                  out.add(
                      new Finding(
                          Kind.CONTRADICTION,
                          t,
                          "declared CLIENT_DATA_NEVER_IN_LOGS, but tenant "
                              + t
                              + " runs with clientDataInLogs=true (pseudonymise mode)")));
    }
    if (claims.contains(Claim.ALL_CLIENT_DATA_ENCRYPTED)) {
      unencrypted(record, true)
          .forEach(
              f ->
                  out.add(
                      new Finding(
                          Kind.CONTRADICTION,
                          f.entity() + "." + f.field(),
                          "declared ALL_CLIENT_DATA_ENCRYPTED, but this client field is not @Encrypted")));
    }
    if (claims.contains(Claim.ALL_PERSONAL_DATA_ENCRYPTED)) {
      unencrypted(record, false)
          .forEach(
              f ->
                  out.add(
                      new Finding(
                          Kind.CONTRADICTION,
                          f.entity() + "." + f.field(),
                          "declared ALL_PERSONAL_DATA_ENCRYPTED, but this field is not @Encrypted")));
    }
    if (claims.contains(Claim.TRANSPORT_ENCRYPTED)) {
      TransportSecurity.Assessment t = record.transport();
      if (t.protection() == TransportSecurity.Protection.NONE
          || t.protection() == TransportSecurity.Protection.UNKNOWN) {
        out.add(
            new Finding(
                Kind.CONTRADICTION,
                Claim.TRANSPORT_ENCRYPTED.name(),
                "declared TRANSPORT_ENCRYPTED, but the JDBC connection is protected by "
                    + t.protection().description()
                    + " ["
                    + t.setting()
                    + "]"));
      }
    }
    Set<String> entities =
        record.entityTypes().stream().map(Suoja::entityName).collect(Collectors.toSet());
    record.declared().retentionHolds().keySet().stream()
        .filter(e -> !entities.contains(e))
        .sorted()
        .forEach(
            e ->
                out.add(
                    new Finding(
                        Kind.CONTRADICTION,
                        e,
                        "a retention hold is declared for entity "
                            + e
                            + ", which is not registered")));
    return List.copyOf(out);
  }

  /**
   * Fails when {@link #check} finds anything.
   *
   * @throws SuojaConfigurationException {@code SUOJA-7001}, listing every finding
   */
  public static void assertConsistent(ProcessingRecord record) {
    List<Finding> findings = check(record);
    if (!findings.isEmpty()) {
      throw new SuojaConfigurationException(
          "SUOJA-7001",
          "the record of processing is inconsistent ("
              + findings.size()
              + "):\n"
              + findings.stream()
                  .map(f -> "  " + f.kind() + " " + f.where() + ": " + f.message())
                  .collect(Collectors.joining("\n")));
    }
  }

  static boolean looksPersonal(Field f) {
    if (f.getType() == boolean.class || f.getType() == Boolean.class) {
      return false; // emailVerified, hasPhone: flags, not the data
    }
    String name = f.getName().toLowerCase(Locale.ROOT).replace("_", "");
    return LOOKS_PERSONAL.stream().anyMatch(name::contains);
  }

  private static List<PersonalField> unencrypted(ProcessingRecord record, boolean clientsOnly) {
    return record.fields().stream()
        .filter(f -> !f.encrypted())
        .filter(f -> !clientsOnly || f.subject().equals("client"))
        .toList();
  }
}
