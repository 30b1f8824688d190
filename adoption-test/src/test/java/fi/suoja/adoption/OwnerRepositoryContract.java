package fi.suoja.adoption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * The repository test of the application. {@code @DataJpaTest} is in another package on each Boot
 * line: the subclass of each line (src/test-boot3, src/test-boot4) adds it.
 */
@WithMockUser(username = "maria.vet", roles = "VET") // the adoption's one test change
abstract class OwnerRepositoryContract {
  @Autowired OwnerRepository owners;

  @Test
  void findByLastName_findsTheSeededOwners() {
    List<Owner> davis = owners.findByLastName("Davis");

    assertThat(davis).extracting(Owner::getFirstName).containsExactlyInAnyOrder("Betty", "Harold");
    assertThat(owners.findByLastName("Daviss")).isEmpty();
  }

  @Test
  void save_assignsAnId_andTheOwnerIsFoundByLastName() {
    Owner owner = new Owner();
    owner.setFirstName("Jean");
    owner.setLastName("Coleman");
    owner.setAddress("105 N. Lake St.");
    owner.setCity("Monona");
    owner.setTelephone("6085552654");
    Pet pet = new Pet();
    pet.setName("Samantha");
    pet.setBirthDate(LocalDate.of(2022, 9, 4));
    owner.addPet(pet);

    Owner saved = owners.saveAndFlush(owner);

    assertThat(saved.getId()).isNotNull();
    assertThat(owners.findByLastName("Coleman"))
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.getId()).isEqualTo(saved.getId());
              assertThat(o.getAddress()).isEqualTo("105 N. Lake St.");
              assertThat(o.getTelephone()).isEqualTo("6085552654");
              assertThat(o.getPets()).extracting(Pet::getName).containsExactly("Samantha");
            });
  }

  @Test
  void findByLastName_pages() {
    Page<Owner> first = owners.findByLastName("Davis", PageRequest.of(0, 1, Sort.by("id")));
    Page<Owner> second = owners.findByLastName("Davis", PageRequest.of(1, 1, Sort.by("id")));

    assertThat(first.getTotalElements()).isEqualTo(2);
    assertThat(first.getTotalPages()).isEqualTo(2);
    assertThat(first.getContent()).extracting(Owner::getFirstName).containsExactly("Betty");
    assertThat(second.getContent()).extracting(Owner::getFirstName).containsExactly("Harold");
  }

  /** Saves owners with these last names (first names "F-" + last name) and flushes. */
  private void save(String... lastNames) {
    for (String lastName : lastNames) {
      Owner o = new Owner();
      o.setFirstName("F-" + lastName);
      o.setLastName(lastName);
      o.setAddress("1 Main St.");
      o.setCity("Madison");
      o.setTelephone("6085550000");
      owners.save(o);
    }
    owners.flush();
  }

  /**
   * Every page of {@code prefix} at {@code size}, checked page by page; the first names in order.
   */
  private List<String> walk(String prefix, int size, int expectedTotal) {
    List<String> seen = new ArrayList<>();
    int pages = (expectedTotal + size - 1) / size;
    for (int n = 0; n <= pages; n++) { // one page past the end: empty
      Page<Owner> page =
          owners.findByLastNameStartingWith(prefix, PageRequest.of(n, size, Sort.by("id")));
      assertThat(page.getTotalElements())
          .as("total, size %d page %d", size, n)
          .isEqualTo(expectedTotal);
      assertThat(page.getTotalPages()).as("pages, size %d", size).isEqualTo(pages);
      int expectedOnPage = Math.max(0, Math.min(size, expectedTotal - n * size));
      assertThat(page.getContent()).as("size %d page %d", size, n).hasSize(expectedOnPage);
      page.getContent().forEach(o -> seen.add(o.getFirstName()));
    }
    return seen;
  }

  @Test
  void findByLastNameStartingWith_pagesExactly_atEveryPageSize() {
    // saved after the seed, so in id order after Betty and Harold Davis
    save("Davidson", "Dave", "Dawson", "Davies", "Smith");
    List<String> dav = List.of("Betty", "Harold", "F-Davidson", "F-Dave", "F-Davies");
    List<String> davi = List.of("Betty", "Harold", "F-Davidson", "F-Davies");

    for (int size : List.of(1, 2, 3, 5, 20)) {
      assertThat(walk("Dav", size, 5)).as("Dav, size %d", size).isEqualTo(dav);
      // the index covers "dav"; Dave shares it and is filtered out after opening
      assertThat(walk("Davi", size, 4)).as("Davi, size %d", size).isEqualTo(davi);
    }
    // matched on the normalised name (NAME): case and marks do not matter
    assertThat(walk("dAVÍ", 2, 4)).isEqualTo(davi);
    assertThat(walk("Dax", 1, 0)).isEmpty();
    assertThat(walk("Franklin", 1, 1)).containsExactly("George");
  }

  @Test
  void findByLastNameStartingWith_aShorterPrefixThanTheIndex_isRefusedWithSuoja5150() {
    for (String prefix : List.of("Da", "D", "")) {
      assertThatThrownBy(
              () -> owners.findByLastNameStartingWith(prefix, PageRequest.of(0, 5, Sort.by("id"))))
          .as(prefix)
          .hasStackTraceContaining("SUOJA-5150")
          .hasStackTraceContaining("at least 3 characters");
    }
  }

  @Test
  void findById_opensEveryField() {
    Owner george = owners.findByLastName("Franklin").get(0);

    assertThat(owners.findById(george.getId()))
        .hasValueSatisfying(
            o -> {
              assertThat(o.getFirstName()).isEqualTo("George");
              assertThat(o.getAddress()).isEqualTo("110 W. Liberty St.");
              assertThat(o.getCity()).isEqualTo("Madison");
              assertThat(o.getTelephone()).isEqualTo("6085551023");
              assertThat(o.getPets()).extracting(Pet::getName).containsExactly("Leo");
            });
  }
}
