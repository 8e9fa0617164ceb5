package org.relais.gateway.sms;

import java.time.Duration;
import java.time.Instant;
import org.relais.sms.OutboundSms;

/** A queued or sent message as the store keeps it. */
public record OutboundMessage(
    String id, NewMessage request, MessageState state, String bind, String error, int attempts, Instant createdAt,
    Instant updatedAt) {

  /** What the SMS connector is given. */
  public OutboundSms toSms() {
    return toSms(null);
  }

  /** What the SMS connector is given at {@code now}: the validity left, not the validity asked. */
  public OutboundSms toSms(Instant now) {
    return OutboundSms.builder(id, request.destination(), request.body())
        .source(request.source())
        .priority(request.priority())
        .registeredDelivery(request.registeredDelivery())
        .transliterate(request.transliterate())
        .validity(now == null || request.validity() == null ? request.validity() : validityLeft(now))
        .scheduleAt(request.scheduleAt())
        .build();
  }

  /** True when the message can no longer be delivered within its validity. */
  public boolean isExpired(Instant now) {
    return request.validity() != null && !createdAt.plus(request.validity()).isAfter(now);
  }

  private Duration validityLeft(Instant now) {
    Duration left = Duration.between(now, createdAt.plus(request.validity()));
    return left.isNegative() || left.isZero() ? Duration.ofSeconds(1) : left;
  }
}
