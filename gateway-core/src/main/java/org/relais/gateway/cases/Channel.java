package org.relais.gateway.cases;

import java.util.Locale;

/** How a case reached Relais. */
public enum Channel {
  SMS,
  VOICE;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
