/**
 * Optional Micrometer integration: {@link fi.suoja.micrometer.SuojaMeterBinder} binds a runtime's
 * {@link fi.suoja.SuojaMetrics} (seals, opens, decisions, key cache, audit writes) to a {@code
 * MeterRegistry}, with or without Spring Boot. Usable only when the host has micrometer-core;
 * nothing outside this package refers to it.
 */
package fi.suoja.micrometer;
