package fi.suoja.samples.boot;

import java.security.Principal;
import java.time.Instant;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The clients and their conversations, for the organisation's staff. Nothing here checks who may
 * see what: the starter runs each request as the signed-in user, and Suoja decides every record
 * Hibernate loads or writes. A refusal becomes a 403 problem detail without this class's help.
 */
@RestController
@RequestMapping("/clients")
public class ClientController {
  private static final Logger LOG = LoggerFactory.getLogger(ClientController.class);

  private final Clients clients;
  private final Messages messages;

  public ClientController(Clients clients, Messages messages) {
    this.clients = clients;
    this.messages = messages;
  }

  /** A row of a client list. */
  public record ClientSummary(UUID id, String firstName, String lastName) {
    static ClientSummary of(Client c) {
      return new ClientSummary(c.id, c.firstName, c.lastName);
    }
  }

  /** One client, in full. */
  public record ClientDetails(
      UUID id,
      String firstName,
      String lastName,
      String hetu,
      String careNotes,
      String responsibleEmployee) {
    static ClientDetails of(Client c) {
      return new ClientDetails(
          c.id, c.firstName, c.lastName, c.hetu, c.careNotes, c.responsibleEmployee);
    }
  }

  /** A new client, who becomes the signed-in employee's. */
  public record NewClient(String firstName, String lastName, String hetu, String careNotes) {}

  /** A message of the conversation. */
  public record MessageView(Instant sentAt, boolean fromClient, String text) {
    static MessageView of(Message m) {
      return new MessageView(m.sentAt, m.fromClient, m.text);
    }
  }

  /** A new message. */
  public record NewMessage(boolean fromClient, String text) {}

  /** The signed-in employee's own clients. */
  @GetMapping
  @Transactional(readOnly = true)
  public List<ClientSummary> mine(Principal me) {
    return clients.findByResponsibleEmployee(me.getName()).stream().map(ClientSummary::of).toList();
  }

  /** Search by personal identity code: an equality query on a sealed column. */
  @GetMapping(params = "hetu")
  @Transactional(readOnly = true)
  public List<ClientSummary> byHetu(@RequestParam String hetu) {
    return clients.findByHetu(hetu).stream().map(ClientSummary::of).toList();
  }

  @GetMapping("/{id}")
  @Transactional(readOnly = true)
  public ResponseEntity<ClientDetails> get(@PathVariable UUID id) {
    return clients
        .findById(id)
        .map(
            c -> {
              // a careless log line: the values it names are masked when written
              LOG.info("opened client {} {} ({})", c.firstName, c.lastName, c.hetu);
              return ResponseEntity.ok(ClientDetails.of(c));
            })
        .orElse(ResponseEntity.notFound().build());
  }

  @PostMapping
  @Transactional
  public ClientDetails create(@RequestBody NewClient body, Principal me) {
    Client c =
        new Client(me.getName(), body.firstName(), body.lastName(), body.hetu(), body.careNotes());
    return ClientDetails.of(clients.save(c));
  }

  @GetMapping("/{id}/messages")
  @Transactional(readOnly = true)
  public ResponseEntity<List<MessageView>> conversation(@PathVariable UUID id) {
    // loading the client first: whoever may not read it gets the refusal, not an empty list
    return clients
        .findById(id)
        .map(
            c ->
                ResponseEntity.ok(
                    messages.findByClientOrderBySentAt(c.id.toString()).stream()
                        .map(MessageView::of)
                        .toList()))
        .orElse(ResponseEntity.notFound().build());
  }

  @PostMapping("/{id}/messages")
  @Transactional
  public ResponseEntity<MessageView> send(@PathVariable UUID id, @RequestBody NewMessage body) {
    return clients
        .findById(id)
        .map(
            c ->
                ResponseEntity.ok(
                    MessageView.of(
                        messages.save(
                            new Message(c, body.fromClient(), body.text(), Instant.now())))))
        .orElse(ResponseEntity.notFound().build());
  }
}
