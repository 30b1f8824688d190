package fi.suoja.samples.boot;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

/** The organisation's employees. */
public interface Employees extends JpaRepository<Employee, UUID> {
  Optional<Employee> findByAccount(String account);
}
