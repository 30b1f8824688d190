/**
 * Audit trail benchmarks: events per second of the chained JSON-lines file sink in BUFFERED and
 * DURABLE modes with 1, 2 and 8 threads, against plain Jackson lines appended to a file in the same
 * run.
 */
package fi.suoja.benchmarks.audit;
