package org.relais.gateway.alerts;

/** Why an alert cannot be taken or acted on, with the HTTP status and code the API answers with. */
public final class AlertException extends RuntimeException {

  private final int status;
  private final String code;
  private final String field;

  public AlertException(int status, String code, String message, String field) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.field = field;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String field() {
    return field;
  }

  /** Only a store failure may pass if tried again; the others are about the request. */
  public boolean retryable() {
    return status >= 500;
  }
}
