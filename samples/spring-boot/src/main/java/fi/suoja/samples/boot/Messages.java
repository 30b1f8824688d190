package fi.suoja.samples.boot;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

/** The conversation with a client. */
public interface Messages extends JpaRepository<Message, UUID> {
  List<Message> findByClientOrderBySentAt(String client);
}
