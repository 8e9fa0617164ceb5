package org.relais.gateway;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Fails a test when Vert.x warned that an event loop was blocked (the gateway's promise: nothing
 * blocks an event loop). The gateway checks every second and warns past 200 ms.
 */
public final class NoBlockedEventLoops implements BeforeEachCallback, AfterEachCallback {

  private static final String CHECKER = "io.vertx.core.internal.threadchecker.BlockedThreadChecker";
  private ListAppender<ILoggingEvent> appender;

  @Override
  public void beforeEach(ExtensionContext context) {
    appender = new ListAppender<>();
    appender.start();
    ((Logger) LoggerFactory.getLogger(CHECKER)).addAppender(appender);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Logger logger = (Logger) LoggerFactory.getLogger(CHECKER);
    logger.detachAppender(appender);
    var blocked = appender.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).toList();
    if (!blocked.isEmpty()) {
      throw new AssertionError("an event loop was blocked: " + blocked.getFirst().getFormattedMessage());
    }
  }
}
