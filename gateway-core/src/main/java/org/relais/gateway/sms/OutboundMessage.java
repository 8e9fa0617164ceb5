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

  /**
   * What the SMS connector is given at {@code now}: the validity left, not the validity asked. A
   * scheduled message keeps its whole validity: it counts from the scheduled time, which the
   * connector sends along.
   */
  public OutboundSms toSms(Instant now) {
    return OutboundSms.builder(id, request.destination(), request.body())
        .source(request.source())
        .priority(request.priority())
        .registeredDelivery(request.registeredDelivery())
        .transliterate(request.transliterate())
        .validity(now == null || request.validity() == null || request.scheduleAt() != null
            ? request.validity() : validityLeft(now))
        .scheduleAt(request.scheduleAt())
        .build();
  }

  /**
   * The end of the validity: from the scheduled time when there is one, else from creation; null
   * when the message has no validity of its own.
   */
  public Instant validUntil() {
    if (request.validity() == null) {
      return null;
    }
    return (request.scheduleAt() != null ? request.scheduleAt() : createdAt).plus(request.validity());
  }

  /** True when the message can no longer be delivered within its validity. */
  public boolean isExpired(Instant now) {
    Instant until = validUntil();
    return until != null && !until.isAfter(now);
  }

  private Duration validityLeft(Instant now) {
    Duration left = Duration.between(now, validUntil());
    return left.isNegative() || left.isZero() ? Duration.ofSeconds(1) : left;
  }
}
