package org.relais.gateway.config;

import java.time.Duration;

/**
 * Callbacks: how a callback is dialled ({@code channel} with {@code {number}}, answered into
 * {@code context}/{@code exten} where the dialplan puts the citizen in the queue), how long it
 * rings, how many attempts and how far apart, how often due callbacks are looked for, and how many
 * may ring at once.
 */
public record CallbacksConfig(
    String channel, String context, String exten, String callerId, Duration ringTimeout, Integer maxAttempts,
    Duration retryDelay, Duration poll, Integer maxInFlight) {

  public CallbacksConfig {
    channel = Settings.text(channel, "Local/{number}@relais-outbound");
    if (!channel.contains("{number}") || !channel.matches("[\\w/@{}.:+-]+")) {
      throw new ConfigException("callbacks.channel", channel, "a dial string with {number}, such as PJSIP/{number}@trunk");
    }
    context = Settings.text(context, "relais-callback");
    exten = Settings.text(exten, "s");
    if (!context.matches("[\\w-]+") || !exten.matches("[\\w*#+-]+")) {
      throw new ConfigException("callbacks.context", context + "," + exten, "a dialplan context and extension");
    }
    callerId = Settings.text(callerId, "");
    if (callerId.indexOf('\n') >= 0 || callerId.indexOf('\r') >= 0) {
      throw new ConfigException("callbacks.caller_id", callerId, "a caller id on one line");
    }
    ringTimeout = Settings.between("callbacks.ring_timeout", ringTimeout, Duration.ofSeconds(30), Duration.ofSeconds(5),
        Duration.ofMinutes(3));
    maxAttempts = Settings.range("callbacks.max_attempts", maxAttempts, 3, 1, 20);
    retryDelay = Settings.between("callbacks.retry_delay", retryDelay, Duration.ofMinutes(10), Duration.ofMillis(10),
        Duration.ofDays(2));
    poll = Settings.between("callbacks.poll", poll, Duration.ofSeconds(15), Duration.ofMillis(50), Duration.ofMinutes(10));
    maxInFlight = Settings.range("callbacks.max_in_flight", maxInFlight, 4, 1, 100);
  }

  /** The channel to dial for {@code number}. */
  public String channelFor(String number) {
    return channel.replace("{number}", number.replaceAll("[^0-9+]", ""));
  }
}
