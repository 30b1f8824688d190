package fi.suoja.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.jpa.internal.PrivacyContextTenantResolver;
import fi.suoja.jpa.model.Client;
import fi.suoja.jpa.model.Employee;
import fi.suoja.policy.Actor;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import fi.suoja.policy.Role;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A host that sets only the runtime gets the tenant resolver that follows the PrivacyContext. */
class DefaultSettingsTest {
  @Test
  void runtimeOnly_installsTenantResolver_soTenantsStayApart() {
    Map<String, Object> extra = new HashMap<>();
    extra.put("hibernate.tenant_identifier_resolver", JpaFixture.UNSET);
    try (JpaFixture f =
        new JpaFixture(Database.all().get(0), extra, Client.class, Employee.class)) {
      Object resolver = f.sessions.getProperties().get("hibernate.tenant_identifier_resolver");
      assertThat(String.valueOf(resolver))
          .contains(PrivacyContextTenantResolver.class.getSimpleName());
      Actor a = Actor.tenantUser("e-1", "A", Role.EMPLOYEE);
      Actor b = Actor.tenantUser("e-2", "B", Role.EMPLOYEE);
      PrivacyContext.runAs(
          a,
          Purpose.CARE,
          () ->
              f.sessions.inTransaction(
                  s -> s.persist(new Client("e-1", "Aino", "Virtanen", "131052-308T"))));
      long seenByB =
          PrivacyContext.callAs(
              b,
              Purpose.CARE,
              () ->
                  f.sessions.fromTransaction(
                      s ->
                          s.createSelectionQuery("select count(c) from Client c", Long.class)
                              .getSingleResult()));
      assertThat(seenByB).isZero();
    }
  }
}
