package fi.suoja.jpa.internal;

import fi.suoja.Suoja;
import fi.suoja.SuojaException;
import fi.suoja.annotation.ProtectedType;
import java.util.Locale;
import org.hibernate.metamodel.model.domain.ManagedDomainType;
import org.hibernate.query.sqm.tree.SqmDmlStatement;
import org.hibernate.query.sqm.tree.domain.SqmBasicValuedSimplePath;
import org.hibernate.query.sqm.tree.domain.SqmPath;
import org.hibernate.query.sqm.tree.expression.SqmExpression;
import org.hibernate.query.sqm.tree.insert.SqmInsertStatement;
import org.hibernate.query.sqm.tree.update.SqmUpdateStatement;
import org.hibernate.sql.ast.Clause;

/**
 * The rules for queries that touch {@code @Encrypted} attributes. The database holds randomised
 * ciphertext, so a comparison, pattern, ordering, grouping or scalar projection of such an
 * attribute would silently match nothing, sort by noise or hand out ciphertext without a policy
 * check; each one is refused with a message naming the attribute and the alternative. Only
 * selecting whole entities (opened after the policy on load) and null checks are let through.
 */
final class EncryptedQueryGuard {
  private EncryptedQueryGuard() {}

  /** The encrypted attribute {@code expression} names directly, or null. */
  static Target target(SqmExpression<?> expression) {
    if (!(expression instanceof SqmBasicValuedSimplePath<?> path)) {
      return null;
    }
    SqmPath<?> lhs = path.getLhs();
    if (lhs == null) {
      return null;
    }
    Class<?> owner = lhs.getJavaType();
    String attribute = path.getReferencedPathSource().getPathName();
    return owner != null && ProtectedType.of(owner).isEncrypted(attribute)
        ? new Target(owner, attribute)
        : null;
  }

  /** An encrypted attribute of an entity class. */
  record Target(Class<?> owner, String attribute) {
    String name() {
      return ProtectedType.of(owner).entityName() + "." + attribute;
    }

    String index() {
      return BlindIndexSearch.indexAttribute(owner, attribute);
    }
  }

  static SuojaException comparison(Target t) {
    String why =
        "a query compares "
            + t.name()
            + ", an @Encrypted attribute: the database holds"
            + " randomised ciphertext, so the comparison could never match. ";
    if (!t.index().isEmpty()) {
      return new SuojaException(
          "SUOJA-5101",
          why
              + "Only `select e from "
              + Suoja.entityName(t.owner())
              + " e where e."
              + t.attribute()
              + " = :param` (the entity alone, the comparison a conjunct of the"
              + " top-level where) is searched through"
              + " the blind index "
              + Suoja.entityName(t.owner())
              + "."
              + t.index()
              + ". For"
              + " any other equality use PrivacyQueries.findBy(entityManager, "
              + t.owner().getSimpleName()
              + ".class, \""
              + t.attribute()
              + "\", value), which"
              + " also drops false positives; ranges and IN lists are not possible");
    }
    return new SuojaException(
        "SUOJA-5101",
        why
            + "To find records by equality, add a @BlindIndex(of = \""
            + t.attribute()
            + "\") attribute and use PrivacyQueries.findBy; otherwise select by a non-encrypted"
            + " attribute");
  }

  static SuojaException pattern(Target t) {
    return new SuojaException(
        "SUOJA-5102",
        "a query matches a pattern (like / prefix) against "
            + t.name()
            + ", an @Encrypted"
            + " attribute: randomised ciphertext cannot be searched by pattern and the query"
            + " would silently match nothing. Search by equality with PrivacyQueries.findBy"
            + " through a @BlindIndex(of = \""
            + t.attribute()
            + "\") attribute (a NAME"
            + " normalisation folds case and accents), or by a non-encrypted attribute. Only"
            + " `like 'p%'` (one trailing %, no other wildcard, not under not/or) on an attribute"
            + " with a prefix index (@BlindIndex(of = \""
            + t.attribute()
            + "\", prefix = 3)) is answered; see docs/PREFIX_SEARCH.md");
  }

  static SuojaException inClause(Target t, Clause clause) {
    if (clause == Clause.WHERE || clause == Clause.HAVING || clause == Clause.FROM) {
      return comparison(t);
    }
    if (clause == Clause.ORDER || clause == Clause.GROUP || clause == Clause.PARTITION) {
      return new SuojaException(
          "SUOJA-5103",
          "a query orders or groups by "
              + t.name()
              + ", an @Encrypted attribute: the database"
              + " would sort randomised ciphertext. Load the entities and sort them in memory"
              + " after they were opened");
    }
    return new SuojaException(
        "SUOJA-5104",
        "a query selects or computes with "
            + t.name()
            + ", an @Encrypted attribute, in its "
            + (clause == null ? "query" : clause.name().toLowerCase(Locale.ROOT))
            + " clause: that would return ciphertext without a policy check. Select the"
            + " entity and read the attribute: loads are checked and opened");
  }

  /**
   * Refuses bulk insert, update and delete statements on entities with encrypted attributes, or
   * whose subclasses have them (a bulk statement on a superclass also reaches their rows).
   */
  static void checkMutation(SqmDmlStatement<?> statement) {
    Class<?> type = protectedIn(statement.getTarget().getModel());
    if (type == null) {
      return;
    }
    String kind =
        statement instanceof SqmUpdateStatement<?>
            ? "update"
            : statement instanceof SqmInsertStatement<?> ? "insert" : "delete";
    throw new SuojaException(
        "SUOJA-5105",
        "bulk "
            + kind
            + " on "
            + Suoja.entityName(statement.getTarget().getJavaType())
            + " refused: "
            + Suoja.entityName(type)
            + " has @Encrypted"
            + " attributes, and a bulk statement bypasses the per-record policy check, the audit"
            + " trail, encryption and blind indexes. Load the entities and "
            + (kind.equals("delete") ? "remove" : kind.equals("insert") ? "persist" : "change")
            + " them through the session instead");
  }

  /** {@code type} or the first of its subtypes that has encrypted attributes; null if none. */
  private static Class<?> protectedIn(ManagedDomainType<?> type) {
    if (type.getJavaType() != null && ProtectedType.of(type.getJavaType()).isProtected()) {
      return type.getJavaType();
    }
    for (ManagedDomainType<?> sub : type.getSubTypes()) {
      Class<?> found = protectedIn(sub);
      if (found != null) {
        return found;
      }
    }
    return null;
  }
}
