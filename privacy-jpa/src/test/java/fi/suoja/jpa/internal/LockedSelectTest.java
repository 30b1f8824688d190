package fi.suoja.jpa.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.hibernate.dialect.DatabaseVersion;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.H2Dialect;
import org.hibernate.dialect.MariaDBDialect;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.query.spi.Limit;
import org.junit.jupiter.api.Test;

/**
 * The batch jobs' locking SELECT is written by Hibernate's {@code Dialect} (limit and lock
 * clauses): {@code SKIP LOCKED} where the dialect, knowing the database version, says it exists,
 * plain row locks on MariaDB before 10.6 (which rejects {@code SKIP LOCKED}) and on old H2.
 */
class LockedSelectTest {
  static final String BASE = "SELECT id, v FROM t WHERE id > ? ORDER BY id";

  static String sql(Dialect dialect, boolean skipLocked) {
    Limit limit = new Limit();
    limit.setMaxRows(500);
    return PlaintextSweep.lockedSelect(dialect, BASE, limit, skipLocked)
        .toLowerCase(java.util.Locale.ROOT);
  }

  @Test
  void mariaDbBefore10_6_fallsBackToPlainRowLocks() {
    Dialect old = new MariaDBDialect(DatabaseVersion.make(10, 5));
    assertThat(PlaintextSweep.supportsSkipLocked(old)).isFalse();
    assertThat(sql(old, true)).endsWith(" for update").doesNotContain("skip locked");
  }

  @Test
  void mariaDb10_6_postgresql_skipLockedRows() {
    for (Dialect d :
        new Dialect[] {
          new MariaDBDialect(DatabaseVersion.make(10, 6)),
          new PostgreSQLDialect(DatabaseVersion.make(16))
        }) {
      assertThat(PlaintextSweep.supportsSkipLocked(d)).as(d.toString()).isTrue();
      assertThat(sql(d, true)).as(d.toString()).endsWith(" for update skip locked");
      assertThat(sql(d, false)).as(d.toString()).doesNotContain("skip locked");
    }
  }

  /** Hibernate 7's H2 dialect claims SKIP LOCKED for H2 2.x, 6.6's does not: either is used. */
  @Test
  void h2_2_followsWhatItsDialectClaims() {
    Dialect h2 = new H2Dialect(DatabaseVersion.make(2, 3, 232));
    assertThat(sql(h2, true))
        .endsWith(
            PlaintextSweep.supportsSkipLocked(h2) ? " for update skip locked" : " for update");
  }

  @Test
  void oldH2_fallsBackToPlainRowLocks() {
    Dialect old = new H2Dialect(DatabaseVersion.make(1, 4, 197));
    assertThat(sql(old, true)).doesNotContain("skip locked").endsWith(" for update");
  }

  @Test
  void theLimitIsTheDialects_aParameter() {
    assertThat(sql(new MariaDBDialect(DatabaseVersion.make(11, 4)), true))
        .startsWith(BASE.toLowerCase(java.util.Locale.ROOT) + " limit ?");
    assertThat(sql(new PostgreSQLDialect(DatabaseVersion.make(16)), true))
        .contains(" fetch first ? rows only");
  }
}
