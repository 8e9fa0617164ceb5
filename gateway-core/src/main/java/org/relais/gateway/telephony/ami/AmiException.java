package org.relais.gateway.telephony.ami;

/**
 * An AMI action that did not succeed: Asterisk refused it ({@code Response: Error}, not retryable as
 * such), or the connection is down or too slow (retryable once it is back).
 */
public final class AmiException extends RuntimeException {

  private final boolean retryable;
  private final boolean sent;

  public AmiException(String message, boolean retryable) {
    this(message, retryable, true);
  }

  private AmiException(String message, boolean retryable, boolean sent) {
    super(message, null, false, false);
    this.retryable = retryable;
    this.sent = sent;
  }

  /** True when the same action may succeed later (the connection failed, not the action). */
  public boolean retryable() {
    return retryable;
  }

  /**
   * False when the action never left Relais (there was no connection to send it on), so Asterisk
   * cannot have acted on it: an Originate that was not sent placed no call.
   */
  public boolean sent() {
    return sent;
  }

  static AmiException down(String why) {
    return new AmiException("AMI unavailable: " + why, true);
  }

  static AmiException notSent(String why) {
    return new AmiException("AMI unavailable: " + why, true, false);
  }

  static AmiException refused(String action, String message) {
    return new AmiException("Asterisk refused " + action + ": " + (message == null ? "(no message)" : message), false);
  }
}
