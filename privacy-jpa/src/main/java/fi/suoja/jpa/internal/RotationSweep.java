package fi.suoja.jpa.internal;

import fi.suoja.Suoja;
import fi.suoja.SuojaConfigurationException;
import fi.suoja.SuojaException;
import fi.suoja.crypto.CipherContext;
import fi.suoja.crypto.DecryptionException;
import fi.suoja.crypto.FieldCipher;
import fi.suoja.crypto.KeyId;
import fi.suoja.crypto.KeyUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * The engine of {@code fi.suoja.jpa.KeyRotation}: walks one entity's table in primary-key order, in
 * batches; each batch is one transaction that locks its rows ({@code SELECT ... FOR UPDATE SKIP
 * LOCKED} where the database has it, so several nodes share the work and never wait for each
 * other), re-seals every value whose envelope names a tenant key version below the tenant's newest
 * one, recomputes the blind indexes of the values it re-sealed under the newest index key, and
 * commits. Values already under the newest version are read from their header only and left alone,
 * so a rerun after a crash re-seals nothing twice.
 *
 * <p>Plain JDBC on Hibernate's connections (as {@link PlaintextSweep}): the job has no actor, and
 * the values never leave this class except sealed.
 */
public final class RotationSweep {
  private final SessionFactoryImplementor factory;
  private final Suoja suoja;
  private final PlaintextSweep plans;

  /** Newest version per tenant for this run; 0 = the tenant has no key (rows left alone). */
  private final Map<String, Integer> targets = new ConcurrentHashMap<>();

  /** Counters of one batch; {@code gap} as in {@link PlaintextSweep.Batch}. */
  public record Batch(
      int scanned, int resealedRows, int resealedValues, Object lastId, boolean gap) {}

  public RotationSweep(SessionFactoryImplementor factory, Suoja suoja) {
    this.factory = Objects.requireNonNull(factory, "factory");
    this.suoja = Objects.requireNonNull(suoja, "suoja");
    this.plans = new PlaintextSweep(factory, suoja);
  }

  /**
   * The plan for {@code type}.
   *
   * @throws SuojaConfigurationException {@code SUOJA-6300} if the type is not a protected
   *     single-table entity with a simple id
   */
  public PlaintextSweep.Plan plan(Class<?> type) {
    try {
      return plans.plan(type);
    } catch (SuojaConfigurationException e) {
      throw new SuojaConfigurationException("SUOJA-6300", "key rotation: " + e.getMessage(), e);
    }
  }

  /**
   * Every entity class of the factory whose table holds encrypted columns of its own (a subclass
   * whose encrypted attributes are all swept with its superclass is left out).
   */
  public List<Class<?>> protectedEntities() {
    try {
      return plans.protectedEntities();
    } catch (SuojaConfigurationException e) {
      throw new SuojaConfigurationException("SUOJA-6300", "key rotation: " + e.getMessage(), e);
    }
  }

  /** Forgets the per-run target versions, so the next run reads them afresh. */
  public void refresh() {
    targets.clear();
  }

  /** Rows in the table. */
  public long count(PlaintextSweep.Plan plan) {
    return plans.count(plan);
  }

  /**
   * Whether the factory's {@link org.hibernate.dialect.Dialect} says the database has {@code FOR
   * UPDATE SKIP LOCKED} (H2 2.x, PostgreSQL, MariaDB 10.6+, MySQL 8); elsewhere nodes serialise on
   * the row locks.
   */
  public boolean skipLocked() {
    return PlaintextSweep.supportsSkipLocked(factory.getJdbcServices().getDialect());
  }

  /**
   * Values of the table (of {@code tenant} only when not null) still sealed under a tenant key
   * version below {@code minVersion}, or below the tenant's newest version when {@code minVersion}
   * is 0. A plain read without locks.
   */
  public long remaining(PlaintextSweep.Plan plan, String tenant, int minVersion) {
    if (plan.empty()) {
      return 0;
    }
    List<String> columns = new ArrayList<>();
    columns.add(plan.idColumn);
    columns.add(plan.tenantColumn);
    int first = PlaintextSweep.policyColumns(plan, columns);
    columns.addAll(plan.encryptedColumns);
    String sql =
        "SELECT "
            + String.join(", ", columns)
            + " FROM "
            + plan.table
            + (tenant == null ? "" : " WHERE " + plan.tenantColumn + " = ?");
    FieldCipher cipher = suoja.cipher();
    ConnectionProvider provider = provider();
    try {
      Connection c = provider.getConnection();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        if (tenant != null) {
          ps.setString(1, tenant);
        }
        long count = 0;
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String rowTenant = rs.getString(2);
            if (rowTenant == null) {
              continue;
            }
            int below = minVersion > 0 ? minVersion : target(rowTenant);
            String id = null;
            for (int k = 0; k < plan.encryptedColumns.size(); k++) {
              String v = rs.getString(first + k);
              if (v == null) {
                continue;
              }
              if (id == null) {
                id = PlaintextSweep.idText(rs, plan.idType, rs.getObject(1));
              }
              CipherContext ctx = PlaintextSweep.context(plan, k, rowTenant, id);
              int version = tenantVersion(cipher, ctx, v);
              if (version > 0 && version < below) {
                count++;
              }
            }
          }
        }
        return count;
      } finally {
        if (!c.getAutoCommit()) {
          c.rollback();
        }
        provider.closeConnection(c);
      }
    } catch (SQLException e) {
      throw failure(plan, "cannot count the values left under old key versions", e);
    }
  }

  /**
   * Re-seals one batch of up to {@code size} rows after {@code afterId} (the JDBC id value the last
   * batch answered; {@code null} to start) and commits it.
   */
  public Batch batch(
      PlaintextSweep.Plan plan,
      Object afterId,
      int size,
      boolean skipLocked,
      PlaintextSweep.BeforeCommit hook) {
    FieldCipher cipher = suoja.cipher();
    try {
      PlaintextSweep.Batch b =
          plans.sweep(
              plan,
              afterId,
              size,
              skipLocked,
              false,
              hook,
              (tenant, id, policy, k, stored) -> {
                if (tenant == null) {
                  return null;
                }
                int target = target(tenant);
                if (target == 0) {
                  return null; // no key (off-boarded tenant): nothing can be opened or sealed
                }
                CipherContext ctx = PlaintextSweep.context(plan, k, tenant, id, policy);
                int version = tenantVersion(cipher, ctx, stored);
                // a value sealed before owners were bound is re-sealed even under the newest
                // version: the rotation is what binds old rows (docs/JPA.md)
                boolean unbound = policy != null && version > 0 && !cipher.bindsPolicy(ctx, stored);
                if (version == 0 || (version >= target && !unbound)) {
                  return null; // already current, not a tenant-key envelope, or legacy plaintext
                }
                String plain = cipher.open(ctx, stored);
                String resealed = cipher.seal(ctx, plain);
                if (cipher.keyOf(ctx, resealed).version() < target) {
                  throw new KeyUnavailableException(
                      "SUOJA-6305",
                      "tenant "
                          + tenant
                          + ": this node seals under a version below v"
                          + target
                          + " after re-reading the key store; batch rolled back");
                }
                return new PlaintextSweep.Rewritten(resealed, plain);
              });
      return new Batch(b.scanned(), b.sealedRows(), b.sealedValues(), b.lastId(), b.gap());
    } catch (SQLException e) {
      throw failure(
          plan, "batch after id " + (afterId == null ? "(start)" : afterId) + " rolled back", e);
    }
  }

  /** The tenant's newest key version for this run (read from the store once), 0 if none. */
  private int target(String tenant) {
    return targets.computeIfAbsent(
        tenant,
        t -> {
          List<KeyId> versions = suoja.keyring().versions(t); // re-reads the store on this node
          return versions.isEmpty() ? 0 : versions.get(versions.size() - 1).version();
        });
  }

  /** The tenant key version an envelope names; 0 for subject keys and non-envelopes. */
  private static int tenantVersion(FieldCipher cipher, CipherContext ctx, String value) {
    try {
      KeyId key = cipher.keyOf(ctx, value);
      return key.kind() == KeyId.Kind.TENANT ? key.version() : 0;
    } catch (DecryptionException | KeyUnavailableException notTenantEnvelope) {
      return 0;
    }
  }

  private ConnectionProvider provider() {
    ConnectionProvider provider = factory.getServiceRegistry().getService(ConnectionProvider.class);
    if (provider == null) {
      throw new SuojaConfigurationException(
          "SUOJA-6300", "the SessionFactory has no ConnectionProvider");
    }
    return provider;
  }

  private static SuojaException failure(PlaintextSweep.Plan plan, String message, SQLException e) {
    // driver messages name tables, columns and constraints; values are bound parameters
    return new SuojaException(
        "SUOJA-6304", "key rotation of " + plan.entityName() + ": " + message, e);
  }
}
