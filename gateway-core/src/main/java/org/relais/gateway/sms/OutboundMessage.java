package org.relais.gateway.sms;

import java.time.Instant;
import org.relais.sms.OutboundSms;

/** A queued or sent message as the store keeps it. */
public record OutboundMessage(
    String id, NewMessage request, MessageState state, String bind, String error, int attempts, Instant createdAt,
    Instant updatedAt) {

  /** What the SMS connector is given. */
  public OutboundSms toSms() {
    return OutboundSms.builder(id, request.destination(), request.body())
        .source(request.source())
        .priority(request.priority())
        .registeredDelivery(request.registeredDelivery())
        .transliterate(request.transliterate())
        .validity(request.validity())
        .scheduleAt(request.scheduleAt())
        .build();
  }
}
