package org.relais.gateway.alerts;

import java.time.Instant;
import org.relais.gateway.alerts.cap.CapAlert;

/** An alert as Relais keeps it: the CAP message, where its fan-out stands, who asked and who approved. */
public record AlertRecord(
    String id, CapAlert cap, AlertState state, String requestedBy, String approvedBy, String supersededBy,
    Instant createdAt) {

  /** The reference that the SMS of an alert carry. */
  public static String reference(String alertId) {
    return "alert:" + alertId;
  }
}
