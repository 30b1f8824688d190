package fi.suoja.spring.boot.app;

import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The clients' REST API; the signed-in employee is the actor, by the starter's filter. */
@RestController
public class ClientController {
  private static final Logger LOG = LoggerFactory.getLogger(ClientController.class);
  private final Clients clients;

  public ClientController(Clients clients) {
    this.clients = clients;
  }

  /** The client's name as the API shows it. */
  public record ClientView(UUID id, String firstName, String lastName) {
    static ClientView of(Client c) {
      return new ClientView(c.id, c.firstName, c.lastName);
    }
  }

  /** A new client. */
  public record NewClient(String firstName, String lastName, String hetu) {}

  @PostMapping("/clients")
  @Transactional
  public ClientView create(@RequestBody NewClient body, java.security.Principal principal) {
    Client c =
        clients.save(
            new Client(principal.getName(), body.firstName(), body.lastName(), body.hetu()));
    return ClientView.of(c);
  }

  /** Reachable without signing in: whoever calls it, nobody acts, so it must fail closed. */
  @PostMapping("/public/clients")
  @Transactional
  public ClientView createAnonymously(@RequestBody NewClient body) {
    return ClientView.of(
        clients.save(new Client("aino.hoitaja", body.firstName(), body.lastName(), body.hetu())));
  }

  @GetMapping({"/clients/{id}", "/public/clients/{id}"})
  @Transactional(readOnly = true)
  public ResponseEntity<ClientView> get(@PathVariable("id") UUID id) {
    return clients
        .findById(id)
        .map(
            c -> {
              LOG.info("opened client {} {} ({})", c.firstName, c.lastName, c.hetu);
              return ResponseEntity.ok(ClientView.of(c));
            })
        .orElse(ResponseEntity.notFound().build());
  }

  @GetMapping("/clients")
  @Transactional(readOnly = true)
  public List<ClientView> byHetu(@RequestParam("hetu") String hetu) {
    return clients.findByHetu(hetu).stream().map(ClientView::of).toList();
  }
}
