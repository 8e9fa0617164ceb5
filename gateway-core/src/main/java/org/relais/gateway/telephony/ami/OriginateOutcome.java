package org.relais.gateway.telephony.ami;

import java.util.Locale;

/**
 * How an outbound call ended, from the {@code OriginateResponse} event: its {@code Response} and
 * {@code Reason}, the control frame Asterisk last saw on the channel (0 no channel could be made,
 * 1 hung up, 3 still ringing when the timeout came, 4 answered, 5 busy, 8 congestion).
 */
public enum OriginateOutcome {
  ANSWERED,
  BUSY,
  NO_ANSWER,
  CONGESTION,
  FAILED;

  /** The outcome of {@code Response} and {@code Reason}; an answered Reason with a Failure response is a failure. */
  public static OriginateOutcome of(String response, int reason) {
    if ("Success".equalsIgnoreCase(response)) {
      return ANSWERED;
    }
    return switch (reason) {
      case 1, 3 -> NO_ANSWER;
      case 5 -> BUSY;
      case 8 -> CONGESTION;
      default -> FAILED;
    };
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
