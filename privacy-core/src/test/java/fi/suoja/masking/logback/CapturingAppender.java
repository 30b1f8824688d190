package fi.suoja.masking.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Test appender: keeps the encoded output in memory. */
public class CapturingAppender extends OutputStreamAppender<ILoggingEvent> {
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

  @Override
  public void start() {
    setOutputStream(buffer);
    super.start();
  }

  String output() {
    return buffer.toString(StandardCharsets.UTF_8);
  }
}
