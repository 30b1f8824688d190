/** JMH benchmarks; each subpackage measures one module's hot paths against a baseline. */
package fi.suoja.benchmarks;
