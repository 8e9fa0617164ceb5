package org.relais.gateway.alerts;

import java.util.Locale;

/** Where an alert stands: recipients being found and committed, then sent, then done or cancelled. */
public enum AlertState {
  TARGETING,
  SENDING,
  DONE,
  CANCELLED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static AlertState of(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
