package fi.suoja.samples.boot;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

/** Plain Spring Data: no Suoja type in sight. */
public interface Clients extends JpaRepository<Client, UUID> {
  /** Equality on a sealed column, through its blind index. */
  List<Client> findByHetu(String hetu);

  List<Client> findByResponsibleEmployee(String account);
}
