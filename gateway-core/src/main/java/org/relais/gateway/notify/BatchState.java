package org.relais.gateway.notify;

import java.util.Locale;

/**
 * The life of a batch: {@code staging} while its body is read (nothing sendable yet), then
 * {@code open} (released to the queue in chunks), {@code released} (every recipient handed to the
 * queue); or {@code rejected} (a recipient was invalid, nothing was queued) or {@code cancelled}.
 */
public enum BatchState {
  STAGING,
  OPEN,
  RELEASED,
  REJECTED,
  CANCELLED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static BatchState of(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
