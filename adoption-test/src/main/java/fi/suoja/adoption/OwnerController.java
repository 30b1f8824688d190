package fi.suoja.adoption;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The owners over HTTP. */
@RestController
public class OwnerController {
  private final OwnerRepository owners;

  public OwnerController(OwnerRepository owners) {
    this.owners = owners;
  }

  /** What the API shows of an owner. */
  public record OwnerView(
      Integer id,
      String firstName,
      String lastName,
      String address,
      String city,
      String telephone,
      List<String> pets) {
    static OwnerView of(Owner o) {
      return new OwnerView(
          o.getId(),
          o.getFirstName(),
          o.getLastName(),
          o.getAddress(),
          o.getCity(),
          o.getTelephone(),
          o.getPets().stream().map(Pet::getName).toList());
    }
  }

  /** What a client sends to add an owner. */
  public record NewOwner(
      String firstName, String lastName, String address, String city, String telephone) {}

  @GetMapping("/owners")
  public List<OwnerView> byLastName(@RequestParam String lastName) {
    return owners.findByLastName(lastName).stream().map(OwnerView::of).toList();
  }

  @GetMapping("/owners/{id}")
  public OwnerView one(@PathVariable int id) {
    return owners
        .findById(id)
        .map(OwnerView::of)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
  }

  @PostMapping("/owners")
  @ResponseStatus(HttpStatus.CREATED)
  public OwnerView add(@RequestBody NewOwner n) {
    Owner o = new Owner();
    o.setFirstName(n.firstName());
    o.setLastName(n.lastName());
    o.setAddress(n.address());
    o.setCity(n.city());
    o.setTelephone(n.telephone());
    return OwnerView.of(owners.save(o));
  }
}
