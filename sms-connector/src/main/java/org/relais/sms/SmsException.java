package org.relais.sms;

/** The one failure type of the SMS connector; {@link #retryable()} tells a temporary failure from a final one. */
public final class SmsException extends RuntimeException {

  /** Why a message could not be handled. */
  public enum Kind {
    /** The SMSC answered with a command_status that will not change on retry. */
    REJECTED(false),
    /** The SMSC asked us to slow down (ESME_RTHROTTLED, ESME_RMSGQFUL). */
    THROTTLED(true),
    /** The SMSC answered with a temporary error, or did not answer in time. */
    TEMPORARY(true),
    /** No bind can carry the message right now. */
    UNAVAILABLE(true),
    /** The message itself cannot be sent: too many segments, an empty text, a bad address. */
    INVALID(false),
    /** The connector is stopping; the message goes back to the durable queue. */
    SHUTDOWN(true),
    /** The sender withdrew the message before its first part was submitted (an alert cancelled). */
    WITHDRAWN(false);

    private final boolean retryable;

    Kind(boolean retryable) {
      this.retryable = retryable;
    }
  }

  private final Kind kind;
  private final int commandStatus;
  private final SubmitResult accepted;

  public SmsException(Kind kind, String message) {
    this(kind, 0, message, null);
  }

  public SmsException(Kind kind, int commandStatus, String message, Throwable cause) {
    this(kind, commandStatus, message, cause, null);
  }

  private SmsException(Kind kind, int commandStatus, String message, Throwable cause, SubmitResult accepted) {
    super(message, cause);
    this.kind = kind;
    this.commandStatus = commandStatus;
    this.accepted = accepted;
  }

  /**
   * The same failure, saying which parts of a long message the SMSC had already accepted: their
   * receipts will come even though the message as a whole failed here.
   */
  public SmsException withAccepted(SubmitResult parts) {
    SmsException e = new SmsException(kind, commandStatus, getMessage(), getCause(), parts);
    e.setStackTrace(getStackTrace());
    return e;
  }

  /**
   * The parts of a long message the SMSC accepted before this failure (bind, scope and their SMSC
   * ids, in order from part 1), or empty when none was.
   */
  public java.util.Optional<SubmitResult> accepted() {
    return java.util.Optional.ofNullable(accepted);
  }

  public Kind kind() {
    return kind;
  }

  /** The SMPP command_status the SMSC returned, or 0 when the failure did not come from the SMSC. */
  public int commandStatus() {
    return commandStatus;
  }

  public boolean retryable() {
    return kind.retryable;
  }
}
