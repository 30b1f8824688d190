package fi.suoja.samples.echat;

/**
 * What one step of the walk-through observed, as plain values a test can assert.
 *
 * @param step the heading number
 * @param check what was tried, e.g. {@code "colleague reads client"}
 * @param result what happened, e.g. {@code "DENIED:NOT_OWNER"} or {@code "ALLOWED:OWNER"}
 */
public record Outcome(int step, String check, String result) {}
