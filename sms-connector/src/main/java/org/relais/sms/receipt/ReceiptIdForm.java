package org.relais.sms.receipt;

/**
 * How an SMSC quotes, in its delivery receipts, the message id it returned in submit_sm_resp. Set
 * per bind ({@code receipt_ids}) when the SMSC is known; {@link #AUTO} guesses.
 */
public enum ReceiptIdForm {
  /** The exact form first, then the other base (hex ↔ decimal) when nothing matched: fits most SMSCs. */
  AUTO,
  /** The receipt quotes the id as the resp gave it (leading zeros and case aside). */
  SAME,
  /** The receipt quotes in hex an id the resp gave in decimal. */
  HEX,
  /** The receipt quotes in decimal an id the resp gave in hex. */
  DECIMAL
}
