package org.relais.gateway.cases;

import java.util.Locale;

/** Where a case stands with the core system. */
public enum HandoffState {
  /** Waiting in the outbox (not sent yet, or the core has not accepted it yet). */
  PENDING,
  /** The core has it. */
  DELIVERED,
  /** Every attempt failed; an operator must look (dead letter). */
  DEAD;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
