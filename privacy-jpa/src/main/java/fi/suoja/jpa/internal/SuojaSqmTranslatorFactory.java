package fi.suoja.jpa.internal;

import fi.suoja.Suoja;
import fi.suoja.annotation.ProtectedType;
import fi.suoja.jpa.SuojaJpaSettings;
import jakarta.persistence.metamodel.IdentifiableType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.hibernate.engine.spi.LoadQueryInfluencers;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.BasicValuedModelPart;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.query.spi.QueryOptions;
import org.hibernate.query.spi.QueryParameterBindings;
import org.hibernate.query.sqm.ComparisonOperator;
import org.hibernate.query.sqm.internal.DomainParameterXref;
import org.hibernate.query.sqm.sql.SqmTranslator;
import org.hibernate.query.sqm.sql.SqmTranslatorFactory;
import org.hibernate.query.sqm.sql.internal.SqmParameterInterpretation;
import org.hibernate.query.sqm.sql.internal.StandardSqmTranslator;
import org.hibernate.query.sqm.tree.SqmDmlStatement;
import org.hibernate.query.sqm.tree.SqmStatement;
import org.hibernate.query.sqm.tree.domain.SqmBasicValuedSimplePath;
import org.hibernate.query.sqm.tree.expression.SqmDistinct;
import org.hibernate.query.sqm.tree.expression.SqmExpression;
import org.hibernate.query.sqm.tree.expression.SqmFunction;
import org.hibernate.query.sqm.tree.expression.SqmLiteral;
import org.hibernate.query.sqm.tree.expression.SqmParameter;
import org.hibernate.query.sqm.tree.expression.SqmStar;
import org.hibernate.query.sqm.tree.from.SqmRoot;
import org.hibernate.query.sqm.tree.predicate.SqmComparisonPredicate;
import org.hibernate.query.sqm.tree.predicate.SqmGroupedPredicate;
import org.hibernate.query.sqm.tree.predicate.SqmJunctionPredicate;
import org.hibernate.query.sqm.tree.predicate.SqmLikePredicate;
import org.hibernate.query.sqm.tree.predicate.SqmNullnessPredicate;
import org.hibernate.query.sqm.tree.predicate.SqmPredicate;
import org.hibernate.query.sqm.tree.select.SqmJpaCompoundSelection;
import org.hibernate.query.sqm.tree.select.SqmQuerySpec;
import org.hibernate.query.sqm.tree.select.SqmSelectClause;
import org.hibernate.query.sqm.tree.select.SqmSelectStatement;
import org.hibernate.query.sqm.tree.select.SqmSelection;
import org.hibernate.query.sqm.tree.select.SqmSortSpecification;
import org.hibernate.sql.ast.Clause;
import org.hibernate.sql.ast.SqlAstWalker;
import org.hibernate.sql.ast.spi.SqlAstCreationContext;
import org.hibernate.sql.ast.tree.MutationStatement;
import org.hibernate.sql.ast.tree.Statement;
import org.hibernate.sql.ast.tree.expression.Expression;
import org.hibernate.sql.ast.tree.expression.JdbcParameter;
import org.hibernate.sql.ast.tree.from.TableGroup;
import org.hibernate.sql.ast.tree.from.TableReference;
import org.hibernate.sql.ast.tree.predicate.ComparisonPredicate;
import org.hibernate.sql.ast.tree.predicate.GroupedPredicate;
import org.hibernate.sql.ast.tree.predicate.InListPredicate;
import org.hibernate.sql.ast.tree.predicate.Junction;
import org.hibernate.sql.ast.tree.predicate.LikePredicate;
import org.hibernate.sql.ast.tree.predicate.NullnessPredicate;
import org.hibernate.sql.ast.tree.predicate.Predicate;
import org.hibernate.sql.ast.tree.select.SelectClause;
import org.hibernate.sql.ast.tree.select.SelectStatement;
import org.hibernate.sql.ast.tree.select.SortSpecification;

/**
 * Hibernate's SQM translator with {@link EncryptedQueryGuard}'s rules: every HQL, JPQL and Criteria
 * query passes through it before it becomes SQL, so no query on an {@code @Encrypted} attribute can
 * silently return nothing. Installed through the setting {@code hibernate.query.sqm.translator}
 * (Suoja's {@link SuojaServiceContributor} sets it unless the host chose another translator, which
 * then fails the boot). A refused query throws at execution, every time: a failed translation is
 * never cached.
 *
 * <p>One comparison is let through, rewritten: {@code where c.hetu = :h} on a blind-indexed
 * attribute of the query's only root, when the query selects that root and the comparison is a
 * conjunct of the top-level {@code where} (never under {@code not} or {@code or}, where excluding a
 * collision would wrongly keep other rows). It becomes {@code c.hetuIndex in (?, ..., ?)} bound by
 * {@link BlindIndexEquality}, which also refuses any collision among the loaded rows. A query that
 * counts that root or selects its id alone (Spring Data's count and exists queries) is translated
 * as the entity query, so that every candidate is opened and checked; the post-filter returns the
 * count or the ids of the exact records.
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
        deduplicateSelectionItems,
        LegacyPlaintext.parse(
            loadQueryInfluencers
                .getSessionFactory()
                .getProperties()
                .get(SuojaJpaSettings.LEGACY_PLAINTEXT)),
        BlindIndexEquality.Paging.of(loadQueryInfluencers.getSessionFactory()));
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
        false,
        LegacyPlaintext.OFF,
        BlindIndexEquality.Paging.REFUSED);
  }

  /** The standard translator, refusing every direct use of an encrypted attribute. */
  static final class Guarded<T extends Statement> extends StandardSqmTranslator<T> {
    private int nullChecks;

    /**
     * The query's only root, selected alone, counted, or its id selected alone (the latter two only
     * when a comparison is rewritten): the one whose attributes may be looked up.
     */
    private final SqmRoot<?> lookupRoot;

    /** What the query returns of {@link #lookupRoot}; null without one. */
    private final BlindIndexEquality.Shape shape;

    /** The top-level select clause, replaced by the root for a counted or id lookup. */
    private final SqmSelectClause topSelect;

    /** Whether and how a paged lookup is answered (in memory, over the exact candidates). */
    private final BlindIndexEquality.Paging paging;

    /** Equality comparisons in a positive position of the top-level where clause. */
    private final Set<SqmComparisonPredicate> positive =
        Collections.newSetFromMap(new IdentityHashMap<>());

    /** {@code like} predicates in a positive position of the top-level where clause. */
    private final Set<SqmLikePredicate> positiveLikes =
        Collections.newSetFromMap(new IdentityHashMap<>());

    /** True while Hibernate translates a comparison that will be rewritten. */
    private boolean rewriting;

    /** READ: rows not yet migrated hold plaintext and no index, and are compared as before. */
    private final LegacyPlaintext legacy;

    Guarded(
        SqmStatement<?> statement,
        QueryOptions queryOptions,
        DomainParameterXref domainParameterXref,
        QueryParameterBindings domainParameterBindings,
        LoadQueryInfluencers loadQueryInfluencers,
        SqlAstCreationContext creationContext,
        boolean deduplicateSelectionItems,
        LegacyPlaintext legacy,
        BlindIndexEquality.Paging paging) {
      super(
          statement,
          queryOptions,
          domainParameterXref,
          domainParameterBindings,
          loadQueryInfluencers,
          creationContext,
          deduplicateSelectionItems);
      this.legacy = legacy;
      this.paging = paging;
      SqmQuerySpec<?> spec = singleRootSpec(statement);
      SqmRoot<?> root = spec == null ? null : spec.getFromClause().getRoots().get(0);
      BlindIndexEquality.Shape found = spec == null ? null : shape(spec, root);
      if (found != null && spec.getWhereClause() != null) {
        collectPositive(spec.getWhereClause().getPredicate());
      }
      if (found != null
          && found != BlindIndexEquality.Shape.ENTITY
          && positive.stream().noneMatch(p -> rewritable(p, root))
          && positiveLikes.stream().noneMatch(p -> prefixSearchable(p, root))) {
        found = null; // a count or id query that looks nothing up is translated as it is
      }
      this.shape = found;
      this.lookupRoot = found == null ? null : root;
      this.topSelect = spec == null ? null : spec.getSelectClause();
    }

    private static SqmQuerySpec<?> singleRootSpec(SqmStatement<?> statement) {
      if (statement instanceof SqmSelectStatement<?> select
          && select.getQueryPart() instanceof SqmQuerySpec<?> spec
          && spec.getFromClause().getRoots().size() == 1) {
        return spec;
      }
      return null;
    }

    /**
     * What {@code spec} returns of its only root: the entity alone; its count ({@code count(e)},
     * {@code count(e.id)}, {@code count(*)}, also distinct: Spring Data's count and {@code countBy}
     * queries); or its id alone (Spring Data's {@code existsBy}). Null for anything else. A count
     * or id is answered by loading the entities, so it needs a root without joins (each row one
     * entity) and no grouping.
     */
    private static BlindIndexEquality.Shape shape(SqmQuerySpec<?> spec, SqmRoot<?> root) {
      List<SqmSelection<?>> selections =
          spec.getSelectClause() == null ? List.of() : spec.getSelectClause().getSelections();
      if (selections.isEmpty()
          || (selections.size() == 1 && selections.get(0).getSelectableNode() == root)) {
        return BlindIndexEquality.Shape.ENTITY;
      }
      if (selections.size() != 1
          || !root.getSqmJoins().isEmpty()
          || !spec.getGroupByClauseExpressions().isEmpty()
          || spec.getHavingClausePredicate() != null) {
        return null;
      }
      Object selected = selections.get(0).getSelectableNode();
      if (selected instanceof SqmJpaCompoundSelection<?> tuple
          && tuple.getSelectionItems().size() == 1) {
        selected = tuple.getSelectionItems().get(0); // a Criteria tuple query's one item
      }
      if (isId(selected, root)) {
        return BlindIndexEquality.Shape.ID;
      }
      if (selected instanceof SqmFunction<?> function
          && "count".equalsIgnoreCase(function.getFunctionName())
          && function.getArguments().size() == 1) {
        Object counted = function.getArguments().get(0);
        if (counted instanceof SqmDistinct<?> distinct) {
          counted = distinct.getExpression();
        }
        if (counted == root || counted instanceof SqmStar || isId(counted, root)) {
          return BlindIndexEquality.Shape.COUNT;
        }
      }
      return null;
    }

    private static boolean isId(Object node, SqmRoot<?> root) {
      if (!(node instanceof SqmBasicValuedSimplePath<?> path) || path.getLhs() != root) {
        return false;
      }
      IdentifiableType<?> type = root.getModel();
      if (!type.hasSingleIdAttribute()) {
        return false;
      }
      return type.getId(type.getIdType().getJavaType())
          .getName()
          .equals(path.getReferencedPathSource().getPathName());
    }

    /** Whether {@code comparison} is one {@link #visitComparisonPredicate} rewrites. */
    private static boolean rewritable(SqmComparisonPredicate comparison, SqmRoot<?> root) {
      SqmExpression<?> lhs = comparison.getLeftHandExpression();
      SqmExpression<?> rhs = comparison.getRightHandExpression();
      EncryptedQueryGuard.Target t = EncryptedQueryGuard.target(lhs);
      SqmExpression<?> path = t != null ? lhs : rhs;
      if (t == null) {
        t = EncryptedQueryGuard.target(rhs);
      }
      return t != null
          && !t.index().isEmpty()
          && (path == lhs ? rhs : lhs) instanceof SqmParameter<?>
          && ((SqmBasicValuedSimplePath<?>) path).getLhs() == root;
    }

    /** Whether {@code like} names an attribute of {@code root} that has a prefix index. */
    private static boolean prefixSearchable(SqmLikePredicate like, SqmRoot<?> root) {
      EncryptedQueryGuard.Target t = EncryptedQueryGuard.target(like.getMatchExpression());
      return t != null
          && ((SqmBasicValuedSimplePath<?>) like.getMatchExpression()).getLhs() == root
          && ProtectedType.of(t.owner()).prefixIndexOf(t.attribute()).isPresent();
    }

    @Override
    @SuppressWarnings("ReferenceEquality") // the query's own top select clause, not an equal one
    public SelectClause visitSelectClause(SqmSelectClause selectClause) {
      if (selectClause != topSelect || shape == null || shape == BlindIndexEquality.Shape.ENTITY) {
        return super.visitSelectClause(selectClause);
      }
      // a counted or id lookup loads the entities themselves: only they can be opened, checked
      // against collisions and decided; the post-filter turns the exact ones into the count / ids
      SqmSelectClause entity = new SqmSelectClause(false, lookupRoot.nodeBuilder());
      entity.addSelection(new SqmSelection<>(lookupRoot, lookupRoot.nodeBuilder()));
      return super.visitSelectClause(entity);
    }

    private void collectPositive(SqmPredicate predicate) {
      if (predicate instanceof SqmJunctionPredicate junction) {
        // JPA's Predicate qualified: the imported Predicate is Hibernate's SQL AST one
        if (!junction.isNegated()
            && junction.getOperator()
                == jakarta.persistence.criteria.Predicate.BooleanOperator.AND) {
          junction.getPredicates().forEach(this::collectPositive);
        }
      } else if (predicate instanceof SqmGroupedPredicate grouped) {
        if (!grouped.isNegated()) {
          collectPositive(grouped.getSubPredicate());
        }
      } else if (predicate instanceof SqmLikePredicate like && !like.isNegated()) {
        positiveLikes.add(like);
      } else if (predicate instanceof SqmComparisonPredicate comparison
          && !comparison.isNegated()
          && comparison.getSqmOperator() == ComparisonOperator.EQUAL) {
        positive.add(comparison);
      }
    }

    @Override
    public ComparisonPredicate visitComparisonPredicate(SqmComparisonPredicate predicate) {
      if (rewriting) {
        return super.visitComparisonPredicate(predicate);
      }
      SqmExpression<?> lhs = predicate.getLeftHandExpression();
      SqmExpression<?> rhs = predicate.getRightHandExpression();
      EncryptedQueryGuard.Target t = EncryptedQueryGuard.target(lhs);
      boolean encryptedOnLeft = t != null;
      if (t == null) {
        t = EncryptedQueryGuard.target(rhs);
      }
      if (t == null) {
        return super.visitComparisonPredicate(predicate);
      }
      SqmExpression<?> path = encryptedOnLeft ? lhs : rhs;
      SqmExpression<?> other = encryptedOnLeft ? rhs : lhs;
      if (t.index().isEmpty()
          || !positive.contains(predicate)
          || !(other instanceof SqmParameter<?>)
          || ((SqmBasicValuedSimplePath<?>) path).getLhs() != lookupRoot) {
        throw EncryptedQueryGuard.comparison(t);
      }
      return rewrite(predicate, t, encryptedOnLeft);
    }

    /** {@code root.attr = :p} as {@code root.attrIndex in (?, ...)}, see BlindIndexEquality. */
    private ComparisonPredicate rewrite(
        SqmComparisonPredicate predicate, EncryptedQueryGuard.Target t, boolean encryptedOnLeft) {
      ComparisonPredicate translated;
      rewriting = true;
      try {
        translated = super.visitComparisonPredicate(predicate);
      } finally {
        rewriting = false;
      }
      Expression parameter =
          encryptedOnLeft
              ? translated.getRightHandExpression()
              : translated.getLeftHandExpression();
      if (parameter instanceof SqmParameterInterpretation interpretation) {
        parameter = interpretation.getResolvedExpression();
      }
      if (!(parameter instanceof JdbcParameter value)) {
        throw EncryptedQueryGuard.comparison(t);
      }
      EntityPersister persister =
          getCreationContext().getMappingMetamodel().getEntityDescriptor(t.owner());
      AttributeMapping indexMapping = persister.findAttributeMapping(t.index());
      if (!(indexMapping instanceof BasicValuedModelPart index)) {
        throw EncryptedQueryGuard.comparison(t);
      }
      TableGroup group = getFromClauseAccess().getTableGroup(lookupRoot.getNavigablePath());
      TableReference table =
          group.resolveTableReference(
              lookupRoot.getNavigablePath(), index, index.getContainingTableExpression());
      Expression column = getSqlExpressionResolver().resolveSqlExpression(table, index);
      List<Expression> slots =
          BlindIndexEquality.parameters(
              index.getJdbcMapping(),
              BlindIndexEquality.Lookup.of(t.owner(), Suoja.entityName(t.owner()), t.attribute()),
              value,
              null,
              shape,
              paging,
              false);
      Predicate rendered = new InListPredicate(column, slots);
      if (legacy == LegacyPlaintext.READ) {
        // (index in (...) or (index is null and attr = :h)): a row the plaintext migration has
        // not reached yet holds plaintext and no index, and is matched exactly as before Suoja
        List<Predicate> unmigrated = new ArrayList<>(2);
        unmigrated.add(new NullnessPredicate(column));
        unmigrated.add(translated);
        List<Predicate> either = new ArrayList<>(2);
        either.add(rendered);
        either.add(new Junction(Junction.Nature.CONJUNCTION, unmigrated, null));
        rendered = new GroupedPredicate(new Junction(Junction.Nature.DISJUNCTION, either, null));
      }
      return new IndexEquality(column, slots.get(0), rendered, translated);
    }

    @Override
    public LikePredicate visitLikePredicate(SqmLikePredicate predicate) {
      if (rewriting) {
        return super.visitLikePredicate(predicate);
      }
      EncryptedQueryGuard.Target t = EncryptedQueryGuard.target(predicate.getMatchExpression());
      if (t == null) {
        return super.visitLikePredicate(predicate);
      }
      if (lookupRoot == null
          || !positiveLikes.contains(predicate)
          || !prefixSearchable(predicate, lookupRoot)) {
        throw EncryptedQueryGuard.pattern(t);
      }
      Character escape;
      SqmExpression<?> escapeExpression = predicate.getEscapeCharacter();
      if (escapeExpression == null) {
        escape = null;
      } else if (escapeExpression instanceof SqmLiteral<?> literal
          && literal.getLiteralValue() instanceof Character c) {
        escape = c;
      } else if (escapeExpression instanceof SqmLiteral<?> literal
          && literal.getLiteralValue() instanceof String text
          && text.length() == 1) {
        escape = text.charAt(0);
      } else {
        throw EncryptedQueryGuard.pattern(t);
      }
      BlindIndexEquality.Lookup lookup =
          BlindIndexEquality.Lookup.prefix(
                  t.owner(), Suoja.entityName(t.owner()), t.attribute(), escape)
              .orElseThrow();
      String fixed = null;
      if (predicate.getPattern() instanceof SqmLiteral<?> literal
          && literal.getLiteralValue() instanceof String text) {
        fixed = text;
        lookup.wanted(fixed); // a literal is checked now: refused before any row is read
      } else if (!(predicate.getPattern() instanceof SqmParameter<?>)) {
        throw EncryptedQueryGuard.pattern(t);
      }
      LikePredicate translated;
      rewriting = true;
      try {
        translated = super.visitLikePredicate(predicate);
      } finally {
        rewriting = false;
      }
      JdbcParameter value = null;
      if (fixed == null) {
        Expression pattern = translated.getPattern();
        if (pattern instanceof SqmParameterInterpretation interpretation) {
          pattern = interpretation.getResolvedExpression();
        }
        if (!(pattern instanceof JdbcParameter p)) {
          throw EncryptedQueryGuard.pattern(t);
        }
        value = p;
      }
      EntityPersister persister =
          getCreationContext().getMappingMetamodel().getEntityDescriptor(t.owner());
      AttributeMapping indexMapping = persister.findAttributeMapping(lookup.indexAttribute());
      if (!(indexMapping instanceof BasicValuedModelPart index)) {
        throw EncryptedQueryGuard.pattern(t);
      }
      TableGroup group = getFromClauseAccess().getTableGroup(lookupRoot.getNavigablePath());
      TableReference table =
          group.resolveTableReference(
              lookupRoot.getNavigablePath(), index, index.getContainingTableExpression());
      Expression column = getSqlExpressionResolver().resolveSqlExpression(table, index);
      // legacy mode: a row without a prefix index is matched by the database's like on its stored
      // text, then checked after opening as every candidate is, so a sealed value whose prefix
      // index is still empty is never matched on the letters of its envelope
      List<Expression> slots =
          BlindIndexEquality.parameters(
              index.getJdbcMapping(),
              lookup,
              value,
              fixed,
              shape,
              paging,
              legacy == LegacyPlaintext.READ);
      Predicate rendered = new InListPredicate(column, slots);
      if (legacy == LegacyPlaintext.READ) {
        // a row the plaintext migration has not reached holds plaintext and no index
        List<Predicate> unmigrated = new ArrayList<>(2);
        unmigrated.add(new NullnessPredicate(column));
        unmigrated.add(translated);
        List<Predicate> either = new ArrayList<>(2);
        either.add(rendered);
        either.add(new Junction(Junction.Nature.CONJUNCTION, unmigrated, null));
        rendered = new GroupedPredicate(new Junction(Junction.Nature.DISJUNCTION, either, null));
      }
      return new IndexPrefix(translated, rendered);
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
      if (nullChecks == 0 && !rewriting) {
        EncryptedQueryGuard.Target t = EncryptedQueryGuard.target(path);
        if (t != null) {
          throw EncryptedQueryGuard.inClause(t, getCurrentClauseStack().getCurrent());
        }
      }
      return super.visitBasicValuedPath(path);
    }
  }

  /**
   * The rewritten {@code like 'p%'}: Hibernate's translator expects a {@link LikePredicate} here,
   * so this one carries the original for any code that inspects it and renders as {@code
   * prefixIndex in (slots)} (see {@link BlindIndexEquality}).
   */
  private static final class IndexPrefix extends LikePredicate {
    private final Predicate rendered;

    IndexPrefix(LikePredicate original, Predicate rendered) {
      super(
          original.getMatchExpression(),
          original.getPattern(),
          original.getEscapeCharacter(),
          false,
          original.isCaseSensitive(),
          original.getExpressionType());
      this.rendered = rendered;
    }

    @Override
    public void accept(SqlAstWalker walker) {
      rendered.accept(walker);
    }
  }

  /**
   * The rewritten comparison: Hibernate's translator expects a {@link ComparisonPredicate} here, so
   * this one carries {@code index = first slot} for any code that inspects it and renders as {@code
   * index in (slots)}, or in legacy-plaintext mode {@code (index in (slots) or (index is null and
   * attr = :h))}.
   */
  private static final class IndexEquality extends ComparisonPredicate {
    private final Predicate rendered;

    IndexEquality(
        Expression column, Expression firstSlot, Predicate rendered, ComparisonPredicate original) {
      super(column, ComparisonOperator.EQUAL, firstSlot, original.getExpressionType());
      this.rendered = rendered;
    }

    @Override
    public void accept(SqlAstWalker walker) {
      rendered.accept(walker);
    }
  }
}
