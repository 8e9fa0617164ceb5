package org.relais.gateway.store;

/** A store operation that failed; retryable when the database was busy or the disk full, not when the data was refused. */
public final class StoreException extends RuntimeException {

  private final boolean retryable;

  public StoreException(String message, Throwable cause, boolean retryable) {
    super(message, cause);
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }
}
