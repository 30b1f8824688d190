package fi.suoja.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.audit.AuditAction;
import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.Outcome;
import fi.suoja.jpa.model.Client;
import fi.suoja.jpa.model.Employee;
import fi.suoja.policy.AccessDeniedException;
import fi.suoja.policy.Action;
import fi.suoja.policy.Actor;
import fi.suoja.policy.CareAccessPolicy;
import fi.suoja.policy.DataCategory;
import fi.suoja.policy.Decision;
import fi.suoja.policy.IncidentGrant;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import fi.suoja.policy.RecordRef;
import fi.suoja.policy.Role;
import fi.suoja.policy.TenantPrivacySettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Invariant: through the ORM, every load, update and delete of a protected record does exactly what
 * the access policy decides for the actor, and leaves exactly one audit event per record and
 * operation with the decided outcome. Generated: actors (owner, other employee, org admin, provider
 * support with and without an incident grant, other tenant), record kinds (client, employee
 * account) and operations. H2, one SessionFactory for the whole property.
 */
class OrmPolicyProperties {
  static final String GRANTED = "ps-granted";
  static JpaFixture f;
  static CareAccessPolicy oracle;
  static final AtomicInteger SEQ = new AtomicInteger(1000);

  enum Who {
    OWNER,
    OTHER_EMPLOYEE,
    ORG_ADMIN,
    SUPPORT_WITH_GRANT,
    SUPPORT_WITHOUT_GRANT,
    OTHER_TENANT
  }

  enum Kind {
    CLIENT,
    EMPLOYEE
  }

  enum Op {
    LOAD,
    UPDATE,
    DELETE
  }

  @BeforeContainer
  static void start() {
    f = new JpaFixture(Database.all().get(0));
    Instant now = Instant.now();
    f.grants.grant(
        IncidentGrant.forTenant(
                "g-1",
                "INC-7",
                "A",
                now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofHours(6)),
                "adm-1")
            .onlyFor(GRANTED));
    // the same configuration as the fixture's policy: the oracle the ORM must agree with
    oracle =
        CareAccessPolicy.builder()
            .incidentGrants(f.grants)
            .tenantSettings(List.of(new TenantPrivacySettings("A", false, true)))
            .build();
  }

  @AfterContainer
  static void stop() {
    f.close();
  }

  @Property(tries = 50)
  void everyOrmOperation_doesWhatThePolicyDecides_oneEventPerRecordAndOperation(
      @ForAll Who who, @ForAll Kind kind, @ForAll Op op) throws Exception {
    String n = Integer.toString(SEQ.incrementAndGet());
    String ownerId = "e-" + n;
    Actor owner = Actor.tenantUser(ownerId, "A", Role.EMPLOYEE);
    Actor admin = Actor.tenantUser("adm-1", "A", Role.ORG_ADMIN);
    Object id;
    RecordRef ref;
    if (kind == Kind.CLIENT) {
      id =
          run(
              owner,
              () ->
                  f.sessions.fromTransaction(
                      s -> {
                        Client c = new Client(ownerId, "Aino", "Virtanen", "131052-308T");
                        s.persist(c);
                        return c.id;
                      }));
      ref =
          new RecordRef(
              "Client", id.toString(), "A", ownerId, id.toString(), DataCategory.CLIENT_DATA);
    } else {
      id = ownerId;
      run(
          admin,
          () ->
              f.sessions.fromTransaction(
                  s -> {
                    s.persist(new Employee(ownerId, ownerId + "@example.fi", "nurse"));
                    return null;
                  }));
      ref = new RecordRef("Employee", ownerId, "A", ownerId, ownerId, DataCategory.EMPLOYEE_DATA);
    }
    Actor actor =
        switch (who) {
          case OWNER -> owner;
          case OTHER_EMPLOYEE -> Actor.tenantUser("e-other", "A", Role.EMPLOYEE);
          case ORG_ADMIN -> admin;
          case SUPPORT_WITH_GRANT -> Actor.providerUser(GRANTED, Role.PROVIDER_SUPPORT);
          case SUPPORT_WITHOUT_GRANT -> Actor.providerUser("ps-other", Role.PROVIDER_SUPPORT);
          case OTHER_TENANT -> Actor.tenantUser("e-9", "B", Role.EMPLOYEE, Role.ORG_ADMIN);
        };
    Class<?> type = kind == Kind.CLIENT ? Client.class : Employee.class;
    List<String> before = row(kind, id);
    f.sink.clear();

    boolean[] seen = {false};
    boolean denied = false;
    try {
      run(
          actor,
          () ->
              f.sessions.fromTransaction(
                  s -> {
                    Object e = s.find(type, id);
                    seen[0] = e != null;
                    if (e instanceof Client c && op == Op.UPDATE) {
                      c.lastName = "Korhonen";
                    } else if (e instanceof Employee emp && op == Op.UPDATE) {
                      emp.email = "changed@example.fi";
                    } else if (e != null && op == Op.DELETE) {
                      s.remove(e);
                    }
                    return null;
                  }));
    } catch (AccessDeniedException e) {
      denied = true;
    }

    List<String> expected = new ArrayList<>();
    boolean changed = false;
    if (who == Who.OTHER_TENANT && !seen[0] && !denied) {
      // the tenant filter hides the row: nothing personal was accessed, nothing to record
      assertThat(actor.belongsTo("A")).isFalse();
    } else {
      Decision read = oracle.decide(actor, Action.READ, ref);
      expected.add(expect(AuditAction.READ, read));
      if (read.allowed() && op != Op.LOAD) {
        Action write = op == Op.UPDATE ? Action.UPDATE : Action.DELETE;
        Decision w = oracle.decide(actor, write, ref);
        expected.add(expect(op == Op.UPDATE ? AuditAction.UPDATE : AuditAction.DELETE, w));
        changed = w.allowed();
      }
      assertThat(denied).isEqualTo(expected.stream().anyMatch(e -> e.contains("DENIED")));
    }

    List<AuditEvent> events = f.sink.events();
    assertThat(events.stream().map(e -> e.action() + " " + e.outcome()).toList())
        .containsExactlyElementsOf(expected);
    assertThat(events)
        .allSatisfy(
            e -> {
              assertThat(e.resource().id()).isEqualTo(id.toString());
              assertThat(e.actor().userId()).isEqualTo(actor.userId());
            });
    List<String> after = row(kind, id);
    if (!changed) {
      assertThat(after).isEqualTo(before);
    } else if (op == Op.DELETE) {
      assertThat(after).isEmpty();
    } else {
      assertThat(after).isNotEqualTo(before).isNotEmpty();
    }
  }

  static String expect(AuditAction action, Decision d) {
    Outcome o =
        d instanceof Decision.Deny deny ? Outcome.denied(deny.reason().name()) : Outcome.success();
    return action + " " + o;
  }

  static <T> T run(Actor actor, Supplier<T> work) {
    return actor.tenant().isPresent()
        ? PrivacyContext.callAs(actor, Purpose.CARE, work)
        : PrivacyContext.callOn("A", actor, Purpose.CARE, work);
  }

  static List<String> row(Kind kind, Object id) throws Exception {
    String table = f.table(kind == Kind.CLIENT ? "Client" : "Employee");
    String column = kind == Kind.CLIENT ? "id" : "userId";
    try (Connection c = f.database.connect();
        PreparedStatement ps =
            c.prepareStatement("select * from " + table + " where " + column + " = ?")) {
      ps.setObject(1, id instanceof UUID u ? u : id.toString());
      try (ResultSet rs = ps.executeQuery()) {
        List<String> out = new ArrayList<>();
        while (rs.next()) {
          for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            out.add(String.valueOf(rs.getObject(i)));
          }
        }
        return out;
      }
    }
  }
}
