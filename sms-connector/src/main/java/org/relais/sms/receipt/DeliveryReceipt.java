package org.relais.sms.receipt;

import java.time.Instant;
import java.util.List;

/**
 * A delivery receipt as Relais keeps it: the SMSC message id it reports on (as received), the
 * status, the error code ({@code err:} or network_error_code), the done date when given, and the
 * canonical forms its id is matched under, in order (see {@link ReceiptIdForm}).
 */
public record DeliveryReceipt(String messageId, ReceiptStatus status, String error, Instant doneAt,
    List<String> matchIds) {

  public DeliveryReceipt {
    matchIds = matchIds == null ? SmscMessageIds.candidates(messageId) : List.copyOf(matchIds);
  }

  /** A receipt whose id is matched in the exact form, then in the other base. */
  public DeliveryReceipt(String messageId, ReceiptStatus status, String error, Instant doneAt) {
    this(messageId, status, error, doneAt, null);
  }

  /** The id in its canonical form, the form submit results are stored under. */
  public String canonicalId() {
    return SmscMessageIds.canonical(messageId);
  }

  /** The same receipt, matched as an SMSC that quotes ids in {@code form} needs. */
  public DeliveryReceipt withIdForm(ReceiptIdForm form) {
    return new DeliveryReceipt(messageId, status, error, doneAt, SmscMessageIds.candidates(messageId, form));
  }
}
