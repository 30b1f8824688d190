package fi.suoja.spring.boot.app;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

/** What a host writes: no Suoja type in sight. */
public interface Clients extends JpaRepository<Client, UUID> {
  List<Client> findByHetu(String hetu);
}
