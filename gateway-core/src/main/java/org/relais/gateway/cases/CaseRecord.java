package org.relais.gateway.cases;

import java.time.Instant;

/** A case as Relais keeps it: what the citizen said, and what the core made of it. */
public record CaseRecord(
    String id,
    String trackingNumber,
    NewCase request,
    HandoffState handoffState,
    String coreId,
    String coreTracking,
    Instant expectedResponse,
    String ackMessageId,
    String status,
    Instant createdAt,
    Instant updatedAt) {

  /** The number the citizen is given: the core's when it gave one, else Relais's. */
  public String citizenReference() {
    return coreTracking != null ? coreTracking : trackingNumber;
  }
}
