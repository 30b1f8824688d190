/**
 * The implementation of the Spring Boot starter: how the {@code suoja.*} properties become the
 * runtime's parts, the hand-over of the runtime to Hibernate through Spring ORM, the Spring
 * Security actor resolver, trace ids for audit events, problem details, Logback and Jackson 3
 * masking, and the start-up failure analyzer. Public only where Spring must instantiate a class;
 * not an API.
 */
package fi.suoja.spring.boot.internal;
