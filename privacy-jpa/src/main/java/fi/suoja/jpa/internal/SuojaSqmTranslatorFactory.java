package fi.suoja.jpa.internal;

import org.hibernate.engine.spi.LoadQueryInfluencers;
import org.hibernate.query.spi.QueryOptions;
import org.hibernate.query.spi.QueryParameterBindings;
import org.hibernate.query.sqm.internal.DomainParameterXref;
import org.hibernate.query.sqm.sql.SqmTranslator;
import org.hibernate.query.sqm.sql.SqmTranslatorFactory;
import org.hibernate.query.sqm.sql.internal.StandardSqmTranslator;
import org.hibernate.query.sqm.tree.SqmDmlStatement;
import org.hibernate.query.sqm.tree.SqmStatement;
import org.hibernate.query.sqm.tree.domain.SqmBasicValuedSimplePath;
import org.hibernate.query.sqm.tree.predicate.SqmComparisonPredicate;
import org.hibernate.query.sqm.tree.predicate.SqmLikePredicate;
import org.hibernate.query.sqm.tree.predicate.SqmNullnessPredicate;
import org.hibernate.query.sqm.tree.select.SqmSelectStatement;
import org.hibernate.query.sqm.tree.select.SqmSortSpecification;
import org.hibernate.sql.ast.Clause;
import org.hibernate.sql.ast.spi.SqlAstCreationContext;
import org.hibernate.sql.ast.tree.MutationStatement;
import org.hibernate.sql.ast.tree.expression.Expression;
import org.hibernate.sql.ast.tree.predicate.ComparisonPredicate;
import org.hibernate.sql.ast.tree.predicate.LikePredicate;
import org.hibernate.sql.ast.tree.predicate.NullnessPredicate;
import org.hibernate.sql.ast.tree.select.SelectStatement;
import org.hibernate.sql.ast.tree.select.SortSpecification;

/**
 * Hibernate's SQM translator with {@link EncryptedQueryGuard}'s rules: every HQL, JPQL and
 * Criteria query passes through it before it becomes SQL, so no query on an {@code @Encrypted}
 * attribute can silently return nothing. Installed through the setting {@code
 * hibernate.query.sqm.translator} (Suoja's {@link SuojaServiceContributor} sets it unless the
 * host chose another translator, which then fails the boot). A refused query throws at
 * execution, every time: a failed translation is never cached.
 *
 * <p>Public only because Hibernate instantiates it by name; not API. Replaces a translator a
 * dialect may supply (none of Hibernate's built-in dialects does).
 */
public final class SuojaSqmTranslatorFactory implements SqmTranslatorFactory {

  @Override
  public SqmTranslator<SelectStatement> createSelectTranslator(
      SqmSelectStatement<?> sqmSelectStatement,
      QueryOptions queryOptions,
      DomainParameterXref domainParameterXref,
      QueryParameterBindings domainParameterBindings,
      LoadQueryInfluencers loadQueryInfluencers,
      SqlAstCreationContext creationContext,
      boolean deduplicateSelectionItems) {
    return new Guarded<>(
        sqmSelectStatement,
        queryOptions,
        domainParameterXref,
        domainParameterBindings,
        loadQueryInfluencers,
        creationContext,
        deduplicateSelectionItems);
  }

  @Override
  public SqmTranslator<? extends MutationStatement> createMutationTranslator(
      SqmDmlStatement<?> sqmDmlStatement,
      QueryOptions queryOptions,
      DomainParameterXref domainParameterXref,
      QueryParameterBindings domainParameterBindings,
      LoadQueryInfluencers loadQueryInfluencers,
      SqlAstCreationContext creationContext) {
    EncryptedQueryGuard.checkMutation(sqmDmlStatement);
    return new Guarded<MutationStatement>(
        sqmDmlStatement,
        queryOptions,
        domainParameterXref,
        domainParameterBindings,
        loadQueryInfluencers,
        creationContext,
        false);
  }

  /** The standard translator, refusing every direct use of an encrypted attribute. */
  static final class Guarded<T extends org.hibernate.sql.ast.tree.Statement>
      extends StandardSqmTranslator<T> {
    private int nullChecks;

    Guarded(
        SqmStatement<?> statement,
        QueryOptions queryOptions,
        DomainParameterXref domainParameterXref,
        QueryParameterBindings domainParameterBindings,
        LoadQueryInfluencers loadQueryInfluencers,
        SqlAstCreationContext creationContext,
        boolean deduplicateSelectionItems) {
      super(
          statement,
          queryOptions,
          domainParameterXref,
          domainParameterBindings,
          loadQueryInfluencers,
          creationContext,
          deduplicateSelectionItems);
    }

    @Override
    public ComparisonPredicate visitComparisonPredicate(SqmComparisonPredicate predicate) {
      EncryptedQueryGuard.Target t = EncryptedQueryGuard.target(predicate.getLeftHandExpression());
      if (t == null) {
        t = EncryptedQueryGuard.target(predicate.getRightHandExpression());
      }
      if (t != null) {
        throw EncryptedQueryGuard.comparison(t);
      }
      return super.visitComparisonPredicate(predicate);
    }

    @Override
    public LikePredicate visitLikePredicate(SqmLikePredicate predicate) {
      EncryptedQueryGuard.Target t = EncryptedQueryGuard.target(predicate.getMatchExpression());
      if (t != null) {
        throw EncryptedQueryGuard.pattern(t);
      }
      return super.visitLikePredicate(predicate);
    }

    @Override
    public SortSpecification visitSortSpecification(SqmSortSpecification sort) {
      EncryptedQueryGuard.Target t = EncryptedQueryGuard.target(sort.getSortExpression());
      if (t != null) {
        throw EncryptedQueryGuard.inClause(t, Clause.ORDER);
      }
      return super.visitSortSpecification(sort);
    }

    @Override
    public NullnessPredicate visitIsNullPredicate(SqmNullnessPredicate predicate) {
      // null stays null when sealed: "is [not] null" on an encrypted attribute is meaningful
      nullChecks++;
      try {
        return super.visitIsNullPredicate(predicate);
      } finally {
        nullChecks--;
      }
    }

    @Override
    public Expression visitBasicValuedPath(SqmBasicValuedSimplePath<?> path) {
      if (nullChecks == 0) {
        EncryptedQueryGuard.Target t = EncryptedQueryGuard.target(path);
        if (t != null) {
          throw EncryptedQueryGuard.inClause(t, getCurrentClauseStack().getCurrent());
        }
      }
      return super.visitBasicValuedPath(path);
    }
  }
}
