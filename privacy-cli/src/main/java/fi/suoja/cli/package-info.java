/**
 * The {@code suoja} command line for operators: {@code audit verify}, {@code audit subject-report},
 * {@code audit fhir}, {@code schema ddl}, {@code schema check}, {@code keys create-master}, {@code
 * keys shred}, {@code erase}, {@code export}, {@code retention run} and {@code processing
 * describe}. Its only public type is {@link fi.suoja.cli.SuojaCommand}, the main class of {@code
 * privacy-cli-<version>-all.jar}; docs/OPERATIONS.md, "Command line", documents the commands and
 * their exit codes.
 */
package fi.suoja.cli;
