package dev.storyvox;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import dev.storyvox.config.LoggingConfig;
import java.util.Iterator;
import org.slf4j.LoggerFactory;

/**
 * Switches the console log to JSON lines when {@code logging.json} is true: the root logger's stream
 * appenders get logback's {@link JsonEncoder} (timestamp, level, thread, logger, message, throwable).
 */
final class LogFormat {

  private LogFormat() {
  }

  static void apply(LoggingConfig logging) {
    if (!logging.json() || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      if (it.next() instanceof OutputStreamAppender<ILoggingEvent> appender) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.start();
        appender.stop();
        appender.setEncoder(encoder);
        appender.start();
      }
    }
  }
}
