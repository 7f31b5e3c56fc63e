package dev.storyvox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/**
 * The console line is byte for byte what logback's {@code PatternLayout} prints for {@link ConsoleLayout#PATTERN}:
 * levels of every width, a logger name abbreviated to 24 characters, a message with arguments, and a stack trace
 * with a cause.
 */
class ConsoleLayoutTest {

  private final LoggerContext context = new LoggerContext();

  @Test
  void everyLineIsThePatternsLine() {
    PatternLayout pattern = new PatternLayout();
    pattern.setContext(context);
    pattern.setPattern(ConsoleLayout.PATTERN);
    pattern.start();
    ConsoleLayout ours = new ConsoleLayout();
    ours.setContext(context);
    ours.start();
    Exception failure = new IllegalStateException("outer", new UncheckedIOException(new IOException("disk full")));
    LoggingEvent[] events = {
        event("dev.storyvox.api.HttpVerticle", Level.INFO, "HTTP server listening on {}:{}", null, "0.0.0.0", 8000),
        event("dev.storyvox.story.pipeline.VeryLongNamedRunPipeline", Level.WARN, "plain", null),
        event("storyvox.access", Level.ERROR, "GET /health 500", failure),
        event("x", Level.DEBUG, "한국어 메시지 {}", null, "값"),
        event("io.netty.channel.AbstractChannelHandlerContext", Level.TRACE, "t", null)};
    for (LoggingEvent event : events) {
      assertEquals(pattern.doLayout(event), ours.doLayout(event), event.getLoggerName());
    }
  }

  private LoggingEvent event(String logger, Level level, String message, Throwable thrown, Object... args) {
    Logger target = context.getLogger(logger);
    LoggingEvent event = new LoggingEvent(Logger.class.getName(), target, level, message, thrown, args);
    event.setThreadName("vert.x-eventloop-thread-1");
    return event;
  }
}
