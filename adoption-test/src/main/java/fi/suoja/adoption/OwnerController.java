package fi.suoja.adoption;

import fi.suoja.SuojaException;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
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

  /** One page of owners: PetClinic's owner list (pages numbered from 1). */
  public record OwnerPage(List<OwnerView> owners, int page, int totalPages, long totalElements) {}

  /**
   * PetClinic's owner search: the owners whose last name begins with {@code lastName}, {@code size}
   * to a page; every owner when it is blank. A prefix shorter than the last-name prefix index
   * covers (three characters) is a bad request (SUOJA-5150).
   */
  @GetMapping("/owners/search")
  public OwnerPage search(
      @RequestParam(defaultValue = "") String lastName,
      @RequestParam(defaultValue = "1") int page,
      @RequestParam(defaultValue = "5") int size) {
    if (page < 1 || size < 1 || size > 100) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "page >= 1, 1 <= size <= 100");
    }
    Pageable pageable = PageRequest.of(page - 1, size, Sort.by("id"));
    Page<Owner> found;
    try {
      found =
          lastName.isBlank()
              ? owners.findAll(pageable)
              : owners.findByLastNameStartingWith(lastName, pageable);
    } catch (RuntimeException e) {
      throw tooShort(e);
    }
    return new OwnerPage(
        found.map(OwnerView::of).getContent(),
        page,
        found.getTotalPages(),
        found.getTotalElements());
  }

  /** A SUOJA-5150 refusal anywhere in {@code e}'s causes as a bad request; else {@code e}. */
  private static RuntimeException tooShort(RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SuojaException s && "SUOJA-5150".equals(s.code())) {
        // the message names the attribute and the minimum, never the value searched
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, s.getMessage(), s);
      }
    }
    return e;
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
