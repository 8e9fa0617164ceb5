package org.relais.sms.receipt;

import java.util.Locale;
import java.util.Optional;

/**
 * The one mapping from an SMSC's delivery state (message_state TLV or {@code stat:} word) to the
 * state Relais records. A non-final status leaves a message submitted.
 */
public enum ReceiptStatus {
  ENROUTE(1, "ENROUTE", Outcome.PENDING),
  DELIVERED(2, "DELIVRD", Outcome.DELIVERED),
  EXPIRED(3, "EXPIRED", Outcome.EXPIRED),
  DELETED(4, "DELETED", Outcome.FAILED),
  UNDELIVERABLE(5, "UNDELIV", Outcome.FAILED),
  ACCEPTED(6, "ACCEPTD", Outcome.PENDING),
  UNKNOWN(7, "UNKNOWN", Outcome.PENDING),
  REJECTED(8, "REJECTD", Outcome.REJECTED),
  SKIPPED(9, "SKIPPED", Outcome.FAILED);

  /** What a receipt means for the message it reports on. */
  public enum Outcome {
    PENDING, DELIVERED, EXPIRED, FAILED, REJECTED;

    public boolean isFinal() {
      return this != PENDING;
    }
  }

  private final int messageState;
  private final String stat;
  private final Outcome outcome;

  ReceiptStatus(int messageState, String stat, Outcome outcome) {
    this.messageState = messageState;
    this.stat = stat;
    this.outcome = outcome;
  }

  public int messageState() {
    return messageState;
  }

  /** The {@code stat:} word of the text form. */
  public String stat() {
    return stat;
  }

  public Outcome outcome() {
    return outcome;
  }

  /** From the message_state TLV value. */
  public static Optional<ReceiptStatus> ofMessageState(int value) {
    for (ReceiptStatus status : values()) {
      if (status.messageState == value) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }

  /**
   * From the {@code stat:} word. SMSCs in the wild also send the long names
   * ({@code DELIVERED}, {@code UNDELIVERABLE}), {@code FAILED}, and lower case; those are read too.
   */
  public static Optional<ReceiptStatus> ofStat(String word) {
    if (word == null) {
      return Optional.empty();
    }
    String w = word.trim().toUpperCase(Locale.ROOT);
    for (ReceiptStatus status : values()) {
      if (status.stat.equals(w) || status.name().equals(w)) {
        return Optional.of(status);
      }
    }
    return w.equals("FAILED") ? Optional.of(UNDELIVERABLE) : Optional.empty();
  }
}
