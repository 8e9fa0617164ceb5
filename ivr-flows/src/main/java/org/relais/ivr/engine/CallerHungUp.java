package org.relais.ivr.engine;

/** The caller hung up; the flow stops where it is. Carries no stack trace: it is an outcome, not a fault. */
public final class CallerHungUp extends RuntimeException {

  public CallerHungUp() {
    super("the caller hung up", null, false, false);
  }
}
