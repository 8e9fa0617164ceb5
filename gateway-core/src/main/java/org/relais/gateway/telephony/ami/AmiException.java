package org.relais.gateway.telephony.ami;

/**
 * An AMI action that did not succeed: Asterisk refused it ({@code Response: Error}, not retryable as
 * such), or the connection is down or too slow (retryable once it is back).
 */
public final class AmiException extends RuntimeException {

  private final boolean retryable;

  public AmiException(String message, boolean retryable) {
    super(message, null, false, false);
    this.retryable = retryable;
  }

  /** True when the same action may succeed later (the connection failed, not the action). */
  public boolean retryable() {
    return retryable;
  }

  static AmiException down(String why) {
    return new AmiException("AMI unavailable: " + why, true);
  }

  static AmiException refused(String action, String message) {
    return new AmiException("Asterisk refused " + action + ": " + (message == null ? "(no message)" : message), false);
  }
}
