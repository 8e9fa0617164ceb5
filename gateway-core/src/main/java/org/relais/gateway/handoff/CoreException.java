package org.relais.gateway.handoff;

/** A hand-off attempt that failed: retryable (network, 5xx, 429) or final (the core refused the case). */
public final class CoreException extends RuntimeException {

  private final boolean retryable;
  private final int httpStatus;

  public CoreException(String message, int httpStatus, boolean retryable) {
    super(message, null, false, false);
    this.httpStatus = httpStatus;
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }

  /** The core's HTTP status, or 0 when no answer came. */
  public int httpStatus() {
    return httpStatus;
  }

  /** How an HTTP status from the core is handled: auth, missing route, timeouts, throttling and 5xx are retried. */
  public static boolean isRetryable(int status) {
    return status >= 500 || status == 401 || status == 403 || status == 404 || status == 408 || status == 429;
  }
}
