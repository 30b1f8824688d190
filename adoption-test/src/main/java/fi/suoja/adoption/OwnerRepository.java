package fi.suoja.adoption;

import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

/** The owners. */
public interface OwnerRepository extends JpaRepository<Owner, Integer> {

  Page<Owner> findByLastName(String lastName, Pageable pageable);

  /** The owners whose last name begins with {@code lastName}, as PetClinic's owner search. */
  Page<Owner> findByLastNameStartingWith(String lastName, Pageable pageable);

  List<Owner> findByLastName(String lastName);
}
