package org.relais.gateway.alerts;

import java.util.Locale;

/**
 * One recipient on one channel: {@code pending} (committed, not yet handed on), {@code queued} (an
 * SMS in the outbound queue, whose own state then tells the rest), {@code dialling}, then
 * {@code answered}, {@code confirmed} (pressed 1) or {@code failed} for a call; {@code cancelled}.
 */
public enum RecipientState {
  PENDING,
  QUEUED,
  DIALLING,
  ANSWERED,
  CONFIRMED,
  FAILED,
  CANCELLED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RecipientState of(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
