package dev.storyvox;

import ch.qos.logback.classic.pattern.Abbreviator;
import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The console line, {@code HH:mm:ss.SSS LEVEL [thread] logger - message} and then the stack trace if any: what
 * the pattern {@value #PATTERN} prints, written out so that startup does not build logback's
 * {@code PatternLayout} converter table (some sixty method handles linked before the first line).
 */
final class ConsoleLayout extends LayoutBase<ILoggingEvent> {

  /** The pattern this layout prints. */
  static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{24} - %msg%n";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
      .withZone(ZoneId.systemDefault());
  private static final int LEVEL_WIDTH = 5;
  private final Abbreviator abbreviator = new TargetLengthBasedClassNameAbbreviator(24);

  @Override
  public String doLayout(ILoggingEvent event) {
    StringBuilder line = new StringBuilder(128);
    TIME.formatTo(Instant.ofEpochMilli(event.getTimeStamp()), line);
    String level = event.getLevel().toString();
    line.append(' ').append(level);
    for (int pad = level.length(); pad < LEVEL_WIDTH; pad++) {
      line.append(' ');
    }
    line.append(" [").append(event.getThreadName()).append("] ")
        .append(abbreviator.abbreviate(event.getLoggerName())).append(" - ")
        .append(event.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR);
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      line.append(ThrowableProxyUtil.asString(thrown));
    }
    return line.toString();
  }
}
