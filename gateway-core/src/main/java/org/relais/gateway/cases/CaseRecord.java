package org.relais.gateway.cases;

import java.time.Instant;

/**
 * A case as Relais keeps it: what the citizen said, what the core made of it, and the dates the
 * service-level indicators are computed from.
 */
public record CaseRecord(
    String id,
    String trackingNumber,
    NewCase request,
    HandoffState handoffState,
    String coreId,
    String coreTracking,
    String coreToken,
    Instant expectedResponse,
    String ackMessageId,
    String status,
    Dates dates) {

  /** When things happened to the case; null until they do. */
  public record Dates(
      Instant createdAt, Instant updatedAt, Instant acknowledgedAt, Instant firstStatusAt, Instant answeredAt,
      Instant slaBreachedAt) {}

  /**
   * The number the citizen is given, in every message about the case: the core's when it gave one,
   * else Relais's. A caller by phone always gets Relais's: it is read back digit by digit and keyed
   * in again on the keypad, where a core's number ("REQ-1") could not be, and its check digit lets
   * the hotline refuse a typo; the SMS to that caller carries the same number. Every number of a
   * case (Relais's, the core's) is found again by {@code SUIVI} and the status look-ups.
   */
  public String citizenReference() {
    if (request != null && request.channel() == Channel.VOICE) {
      return trackingNumber;
    }
    return coreTracking != null ? coreTracking : trackingNumber;
  }
}
