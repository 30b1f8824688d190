package fi.suoja.samples.boot;

import org.springframework.data.jpa.repository.JpaRepository;

/** The subscribing organisations. */
public interface Organisations extends JpaRepository<Organisation, String> {}
