package fi.suoja.samples.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The eChat care service: organisations (the tenants), their employees, the clients each employee
 * is responsible for, and the messages between them. Suoja comes from the starter: the personal
 * fields are sealed in the database, every access is decided by the care rules and audited, log
 * lines are masked.
 */
@SpringBootApplication
public class EChatApplication {
  public static void main(String[] args) {
    SpringApplication.run(EChatApplication.class, args);
  }
}
