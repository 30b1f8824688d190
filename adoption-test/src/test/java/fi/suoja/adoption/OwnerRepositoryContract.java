package fi.suoja.adoption;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
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
