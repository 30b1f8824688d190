/**
 * Spring Boot starter for Suoja, for Boot 4.0 (Hibernate 7, Jackson 3) and Boot 3.5 (Hibernate 6.6,
 * Jackson 2) alike: {@link fi.suoja.spring.boot.SuojaAutoConfiguration} builds the runtime from
 * {@link fi.suoja.spring.boot.SuojaProperties} and hands it to Hibernate, the actor comes from
 * Spring Security, and {@link fi.suoja.spring.boot.SystemActors} runs background work as a declared
 * system actor. Every bean the host defines itself wins. See docs/SPRING.md.
 */
package fi.suoja.spring.boot;
