package fi.suoja.spring.boot.hosts;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An ordinary Boot application whose schema is its migration tool's: its own V1 creates its table,
 * Hibernate only validates. Flyway or Liquibase by properties (MigrationToolHostsTest).
 */
@SpringBootApplication
public class MigratedHostApp {}
