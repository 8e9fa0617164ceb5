package org.relais.gateway.config;

import java.time.Duration;

/**
 * The Asterisk Manager Interface connection: whether to use it, where, who logs in, how fast to
 * reconnect (doubling from {@code reconnect_min} to {@code reconnect_max}), how often to ping it,
 * how long an action may wait for its response, and how long a queue's state is reused.
 */
public record AmiConfig(
    Boolean enabled, String host, Integer port, String username, String secret, Duration reconnectMin,
    Duration reconnectMax, Duration keepalive, Duration actionTimeout, Duration queueCache) {

  public AmiConfig {
    enabled = enabled != null && enabled;
    host = Settings.host("ami.host", host, "127.0.0.1");
    port = Settings.range("ami.port", port, 5038, 1, 65535);
    username = Settings.text(username, "relais");
    if (username.isEmpty() || !username.matches("[\\w.@-]+")) {
      throw new ConfigException("ami.username", username, "the user of manager.conf (letters, digits, . @ - _)");
    }
    secret = secret == null ? "" : secret;
    if (enabled && secret.isEmpty()) {
      throw new ConfigException("ami.secret", secret, "the secret of manager.conf (set RELAIS_AMI_SECRET)");
    }
    if (secret.indexOf('\n') >= 0 || secret.indexOf('\r') >= 0) {
      throw new ConfigException("ami.secret", secret, "a secret on one line");
    }
    reconnectMin = Settings.between("ami.reconnect_min", reconnectMin, Duration.ofSeconds(1), Duration.ofMillis(50),
        Duration.ofMinutes(5));
    reconnectMax = Settings.between("ami.reconnect_max", reconnectMax, Duration.ofSeconds(60), reconnectMin,
        Duration.ofHours(1));
    keepalive = Settings.between("ami.keepalive", keepalive, Duration.ofSeconds(20), Duration.ofMillis(100),
        Duration.ofMinutes(10));
    actionTimeout = Settings.between("ami.action_timeout", actionTimeout, Duration.ofSeconds(10),
        Duration.ofMillis(100), Duration.ofMinutes(5));
    queueCache = Settings.between("ami.queue_cache", queueCache, Duration.ofSeconds(5), Duration.ZERO,
        Duration.ofMinutes(5));
  }
}
