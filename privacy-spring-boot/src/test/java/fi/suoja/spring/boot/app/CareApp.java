package fi.suoja.spring.boot.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A small care backend: organisations, employees and clients; Suoja comes from the starter. */
@SpringBootApplication
public class CareApp {}
