package fi.suoja.samples.boot;

import fi.suoja.policy.Actor;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import fi.suoja.policy.Role;
import java.time.Instant;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo data for an empty database, entered the way the people themselves would enter it: the
 * organisation admin adds the employees, each nurse her own clients. Every write is decided and
 * audited like any other; there is no back door. Off with {@code echat.demo-data=false}.
 */
@Component
@ConditionalOnProperty(name = "echat.demo-data", havingValue = "true", matchIfMissing = true)
public class DemoData implements ApplicationRunner {
  /** The demo organisation: the tenant of every demo user. */
  public static final String HOIVA = "hoiva";

  private final Organisations organisations;
  private final Employees employees;
  private final Clients clients;
  private final Messages messages;
  private final TransactionTemplate tx;

  public DemoData(
      Organisations organisations,
      Employees employees,
      Clients clients,
      Messages messages,
      TransactionTemplate tx) {
    this.organisations = organisations;
    this.employees = employees;
    this.clients = clients;
    this.messages = messages;
    this.tx = tx;
  }

  @Override
  public void run(ApplicationArguments args) {
    Actor admin = Actor.tenantUser("cecilia.esihenkilo", HOIVA, Role.ORG_ADMIN);
    if (as(admin, Purpose.ADMINISTRATION, () -> organisations.existsById(HOIVA))) {
      return;
    }
    as(
        admin,
        Purpose.ADMINISTRATION,
        () -> {
          // logs anonymised; consents to incident investigation under a grant
          organisations.save(new Organisation(HOIVA, "Hoivapalvelu Aurinko Oy", false, true));
          return employees.saveAll(
              List.of(
                  new Employee(
                      "aino.hoitaja",
                      "Aino",
                      "Virtanen",
                      "aino.virtanen@aurinko.example",
                      "+358 40 123 4567",
                      "131052-308T",
                      "Lähihoitaja"),
                  new Employee(
                      "eero.hoitaja",
                      "Eero",
                      "Korhonen",
                      "eero.korhonen@aurinko.example",
                      "+358 40 765 4321",
                      "280264-051U",
                      "Sairaanhoitaja"),
                  new Employee(
                      "cecilia.esihenkilo",
                      "Cecilia",
                      "Lindqvist",
                      "cecilia.lindqvist@aurinko.example",
                      "+358 50 111 2222",
                      "010190-999K",
                      "Palveluesihenkilö")));
        });
    as(
        Actor.tenantUser("aino.hoitaja", HOIVA, Role.EMPLOYEE),
        Purpose.CARE,
        () -> {
          Client helmi =
              clients.save(
                  new Client(
                      "aino.hoitaja",
                      "Helmi",
                      "Mäkelä",
                      "010594Y9032",
                      "Kotikäynti tiistaisin; diabetes, insuliini aamulla."));
          clients.save(
              new Client("aino.hoitaja", "Toivo", "Laine", "150397-913C", "Muistisairaus."));
          return messages.save(
              new Message(
                  helmi,
                  true,
                  "Hei, voiko tiistain käynnin siirtää keskiviikolle? T. Helmi Mäkelä",
                  Instant.now()));
        });
    as(
        Actor.tenantUser("eero.hoitaja", HOIVA, Role.EMPLOYEE),
        Purpose.CARE,
        () ->
            clients.save(
                new Client(
                    "eero.hoitaja",
                    "Lyyli",
                    "Nieminen",
                    "010101-123N",
                    "Liikkuu rollaattorilla.")));
  }

  private <T> T as(Actor actor, Purpose purpose, java.util.function.Supplier<T> work) {
    return PrivacyContext.callAs(actor, purpose, () -> tx.execute(status -> work.get()));
  }
}
