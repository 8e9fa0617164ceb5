package org.relais.gateway.indicators;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The service's figures over a period (cases received in it): counts, median delays (null when
 * nothing to measure), and the share of cases answered within the delay announced to the citizen
 * (among the cases whose announced date has passed or that were answered).
 */
public record Indicators(
    Instant from,
    Instant to,
    long cases,
    Map<String, Long> byChannel,
    Map<String, Long> byCategory,
    Map<String, Long> byStatus,
    Duration medianAcknowledgement,
    long acknowledged,
    Duration medianFirstStatus,
    long withStatus,
    long due,
    long answeredInTime,
    long slaBreaches,
    Map<String, Long> callsByOutcome) {

  /** answeredInTime / due, or null when no case is due yet. */
  public Double answeredInTimeShare() {
    return due == 0 ? null : (double) answeredInTime / due;
  }
}
