package fi.suoja.audit.internal;

/**
 * One stored record as read back, before any checking.
 *
 * @param location where it was read, for messages (file and line, or table and seq)
 * @param line the record line bytes, without newline
 * @param complete false for a last line without its terminating newline (a torn write)
 * @param columnProblem for table rows: which derived column disagrees with the event, else null
 */
@SuppressWarnings("ArrayRecordComponent") // never compared or hashed: a carrier of results
public record RawRecord(String location, byte[] line, boolean complete, String columnProblem) {}
