/**
 * Benchmarks of log masking: Suoja's single-pass {@code Anonymiser} against a {@code
 * java.util.regex} masker with the same patterns, on the same ~200-character log messages with and
 * without personal data, with and without registered literals. Run with {@code -prof gc} to see the
 * allocation per operation.
 */
package fi.suoja.benchmarks.masking;
