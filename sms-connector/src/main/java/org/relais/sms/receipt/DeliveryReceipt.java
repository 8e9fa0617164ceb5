package org.relais.sms.receipt;

import java.time.Instant;

/**
 * A delivery receipt as Relais keeps it: the SMSC message id it reports on (as received), the
 * status, the error code ({@code err:} or network_error_code) and the done date when given.
 */
public record DeliveryReceipt(String messageId, ReceiptStatus status, String error, Instant doneAt) {

  /** The id in its canonical form, the form submit results are stored under. */
  public String canonicalId() {
    return SmscMessageIds.canonical(messageId);
  }
}
