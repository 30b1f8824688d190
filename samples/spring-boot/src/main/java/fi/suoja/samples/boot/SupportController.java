package fi.suoja.samples.boot;

import fi.suoja.policy.Actor;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import fi.suoja.samples.boot.ClientController.ClientDetails;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The provider's support staff. They belong to no organisation, so each call names the organisation
 * it works on ({@link PrivacyContext#callOn}), with the purpose that is recorded in the audit
 * trail. Employee accounts are theirs to manage; a client is readable only under an incident grant
 * of an organisation that consented to incident investigation, and the care policy, not this class,
 * decides that.
 */
@RestController
@RequestMapping("/support/organisations/{organisation}")
public class SupportController {
  private final Clients clients;
  private final Employees employees;
  private final TransactionTemplate tx;

  public SupportController(Clients clients, Employees employees, TransactionTemplate tx) {
    this.clients = clients;
    this.employees = employees;
    this.tx = tx;
  }

  /** An employee as an account: what support needs to help with signing in. */
  public record Account(String account, String firstName, String lastName, String email) {
    static Account of(Employee e) {
      return new Account(e.account, e.firstName, e.lastName, e.email);
    }
  }

  @GetMapping("/employees")
  public List<Account> accounts(@PathVariable String organisation) {
    return on(
        organisation,
        Purpose.ACCOUNT_MANAGEMENT,
        () -> employees.findAll().stream().map(Account::of).toList());
  }

  @GetMapping("/clients/{id}")
  public ResponseEntity<ClientDetails> client(
      @PathVariable String organisation, @PathVariable UUID id) {
    return on(
        organisation,
        Purpose.INCIDENT_INVESTIGATION,
        () ->
            clients
                .findById(id)
                .map(c -> ResponseEntity.ok(ClientDetails.of(c)))
                .orElse(ResponseEntity.notFound().build()));
  }

  /** The work in its own transaction, whose session sees the organisation's records only. */
  private <T> T on(String organisation, Purpose purpose, java.util.function.Supplier<T> work) {
    Actor me = PrivacyContext.require().actor();
    return PrivacyContext.callOn(organisation, me, purpose, () -> tx.execute(status -> work.get()));
  }
}
