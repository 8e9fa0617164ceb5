package org.relais.gateway.cases;

import java.time.Instant;
import java.util.Objects;

/**
 * A case to create. {@code sourceRef} names what it came from (an inbound SMS, a call) and makes
 * the creation idempotent: the same source never makes two cases.
 */
public record NewCase(
    Channel channel, String msisdn, String language, String category, String description, String recording,
    String sourceRef, Instant receivedAt) {

  public NewCase {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }
}
