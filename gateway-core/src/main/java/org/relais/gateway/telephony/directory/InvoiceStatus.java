package org.relais.gateway.telephony.directory;

import java.util.Locale;

/** Where a supplier's invoice stands: the words the {@code invoice_status} look-up gives a flow. */
public enum InvoiceStatus {
  /** Paid. */
  PAID,
  /** Approved, payment scheduled. */
  SCHEDULED,
  /** Received, not yet approved. */
  PENDING,
  /** Rejected (the supplier must send a corrected invoice). */
  REJECTED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
