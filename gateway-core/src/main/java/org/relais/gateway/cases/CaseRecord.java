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

  /** The number the citizen is given: the core's when it gave one, else Relais's. */
  public String citizenReference() {
    return coreTracking != null ? coreTracking : trackingNumber;
  }
}
