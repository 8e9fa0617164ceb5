package org.relais.gateway.config;

import java.time.Duration;

/**
 * Cases: the response delay announced when the core announces none, the length of tracking
 * numbers (check digit included), and how long the acknowledgement waits for the core's first answer.
 */
public record CasesConfig(Duration responseDelay, Integer trackingDigits, Duration ackWait) {

  public CasesConfig {
    responseDelay = Settings.between("cases.response_delay", responseDelay, Duration.ofDays(3), Duration.ofHours(1),
        Duration.ofDays(365));
    trackingDigits = Settings.range("cases.tracking_digits", trackingDigits, 8, 6, 12);
    ackWait = Settings.between("cases.ack_wait", ackWait, Duration.ofSeconds(2), Duration.ZERO, Duration.ofSeconds(30));
  }
}
