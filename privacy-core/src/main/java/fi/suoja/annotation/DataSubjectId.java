package fi.suoja.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the attribute that links a record to its data subject (an internal id, never a HETU or a
 * name). Audit events, access reports, export and erasure find a subject's records through it.
 * Without it, the record's own id is taken as the subject id.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface DataSubjectId {}
