package org.relais.gateway.sms;

import java.util.Locale;
import org.relais.sms.receipt.ReceiptStatus;

/**
 * The life of an outbound SMS: {@code queued → submitted → delivered | failed | expired | rejected};
 * a queued message withdrawn before its submit (an alert cancelled) is {@code cancelled}.
 */
public enum MessageState {
  QUEUED,
  SUBMITTED,
  DELIVERED,
  FAILED,
  EXPIRED,
  REJECTED,
  CANCELLED;

  private final String label = name().toLowerCase(Locale.ROOT);

  public boolean isFinal() {
    return this != QUEUED && this != SUBMITTED;
  }

  /** The lower-case name used in the API and the store. */
  public String label() {
    return label;
  }

  public static MessageState of(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }

  /** The state a receipt's outcome leads to (SUBMITTED for a non-final receipt). */
  public static MessageState of(ReceiptStatus.Outcome outcome) {
    return switch (outcome) {
      case PENDING -> SUBMITTED;
      case DELIVERED -> DELIVERED;
      case EXPIRED -> EXPIRED;
      case FAILED -> FAILED;
      case REJECTED -> REJECTED;
    };
  }
}
