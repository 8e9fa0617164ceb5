package org.relais.gateway.notify;

/**
 * Why a batch was refused as a whole: a code, a message naming the line (or recipient) and the
 * variable at fault, the HTTP status it maps to at the edge. Nothing of a refused batch is sent.
 */
public final class BatchRejection extends RuntimeException {

  private final int status;
  private final String code;
  private final long line;
  private final String field;

  public BatchRejection(int status, String code, long line, String field, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.line = line;
    this.field = field;
  }

  /** A recipient that cannot be sent: 400 naming its line and field. */
  public static BatchRejection recipient(long line, String field, String message) {
    return new BatchRejection(400, "invalid_recipient", line, field, message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** The line (NDJSON) or position in the array (JSON) of the recipient at fault; 0 when none. */
  public long line() {
    return line;
  }

  public String field() {
    return field;
  }
}
