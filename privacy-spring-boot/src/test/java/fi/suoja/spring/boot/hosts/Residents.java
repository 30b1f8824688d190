package fi.suoja.spring.boot.hosts;

import org.springframework.data.jpa.repository.JpaRepository;

/** The host's Spring Data repository. */
public interface Residents extends JpaRepository<Resident, Integer> {}
