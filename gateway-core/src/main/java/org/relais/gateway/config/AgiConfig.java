package org.relais.gateway.config;

import java.time.Duration;

/**
 * The FastAGI server: where it listens, its accept backlog (Asterisk gives up connecting after
 * about 2 s, so it must be large), how long a command may wait for its reply, how long a call may
 * last, and the longest line accepted from Asterisk.
 */
public record AgiConfig(
    String host, Integer port, Integer backlog, Duration commandTimeout, Duration callTimeout, Integer maxLine,
    String operatorQueue) {

  public AgiConfig {
    host = Settings.host("agi.host", host, "127.0.0.1");
    port = Settings.range("agi.port", port, 4573, 0, 65535);
    backlog = Settings.range("agi.backlog", backlog, 1024, 16, 65_535);
    commandTimeout = Settings.between("agi.command_timeout", commandTimeout, Duration.ofSeconds(120),
        Duration.ofSeconds(1), Duration.ofHours(1));
    callTimeout = Settings.between("agi.call_timeout", callTimeout, Duration.ofMinutes(30),
        Duration.ofSeconds(10), Duration.ofHours(12));
    maxLine = Settings.range("agi.max_line", maxLine, 8192, 256, 1_048_576);
    operatorQueue = Settings.text(operatorQueue, "operator");
    if (!operatorQueue.matches("[\\w-]+")) {
      throw new ConfigException("agi.operator_queue", operatorQueue, "a queue name (letters, digits, - or _)");
    }
  }

  /** The route of a call that cannot be served otherwise. */
  public String operatorRoute() {
    return "queue:" + operatorQueue;
  }
}
