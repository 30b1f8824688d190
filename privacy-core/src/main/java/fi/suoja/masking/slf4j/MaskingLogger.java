package fi.suoja.masking.slf4j;

import fi.suoja.masking.Masker;
import fi.suoja.masking.MaskerSelector;
import java.io.ObjectStreamException;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.LocationAwareLogger;

/**
 * Formats on the calling thread (where the {@code SensitiveValues} scope lives), masks, then passes
 * plain text without arguments, so the backend never sees an unmasked argument.
 */
final class MaskingLogger extends AbstractLogger {
  private static final long serialVersionUID = 1L;

  /**
   * The frames a location-aware backend skips to find the caller: the application calls the public
   * methods of {@link AbstractLogger}, which call this class.
   */
  private static final String FQCN = AbstractLogger.class.getName();

  private final transient Logger delegate;
  private final transient MaskerSelector selector;

  MaskingLogger(Logger delegate, MaskerSelector selector) {
    this.delegate = delegate;
    this.selector = selector;
    this.name = delegate.getName();
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return FQCN;
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
    Masker masker = selector.select();
    String formatted =
        arguments == null || arguments.length == 0
            ? String.valueOf(pattern)
            : MessageFormatter.basicArrayFormat(pattern, arguments);
    String message = masker.mask(formatted);
    Throwable masked = throwable == null ? null : MaskedThrowable.of(throwable, masker);
    if (delegate instanceof LocationAwareLogger location) {
      location.log(marker, FQCN, level.toInt(), message, null, masked);
      return;
    }
    switch (level) {
      case ERROR -> delegate.error(marker, message, masked);
      case WARN -> delegate.warn(marker, message, masked);
      case INFO -> delegate.info(marker, message, masked);
      case DEBUG -> delegate.debug(marker, message, masked);
      default -> delegate.trace(marker, message, masked);
    }
  }

  /** After deserialisation: a masking logger again (scoped selector), never a plain one. */
  @Override
  protected Object readResolve() throws ObjectStreamException {
    return MaskingLoggerFactory.getLogger(getName());
  }

  @Override
  public boolean isTraceEnabled() {
    return delegate.isTraceEnabled();
  }

  @Override
  public boolean isTraceEnabled(Marker marker) {
    return delegate.isTraceEnabled(marker);
  }

  @Override
  public boolean isDebugEnabled() {
    return delegate.isDebugEnabled();
  }

  @Override
  public boolean isDebugEnabled(Marker marker) {
    return delegate.isDebugEnabled(marker);
  }

  @Override
  public boolean isInfoEnabled() {
    return delegate.isInfoEnabled();
  }

  @Override
  public boolean isInfoEnabled(Marker marker) {
    return delegate.isInfoEnabled(marker);
  }

  @Override
  public boolean isWarnEnabled() {
    return delegate.isWarnEnabled();
  }

  @Override
  public boolean isWarnEnabled(Marker marker) {
    return delegate.isWarnEnabled(marker);
  }

  @Override
  public boolean isErrorEnabled() {
    return delegate.isErrorEnabled();
  }

  @Override
  public boolean isErrorEnabled(Marker marker) {
    return delegate.isErrorEnabled(marker);
  }

  @Override
  public String toString() {
    return "MaskingLogger[" + name + "]";
  }
}
