package fi.suoja.spring.boot.internal;

import java.util.function.Supplier;

/** A trace-id source asked before the request header and the MDC (Micrometer Tracing). */
@FunctionalInterface
public interface TraceIdSource extends Supplier<String> {}
