package org.relais.ivr.engine;

/** The keys a caller pressed; {@code timedOut} when they stopped before the maximum or pressed nothing. */
public record Input(String digits, boolean timedOut) {

  public static Input none() {
    return new Input("", true);
  }

  public boolean isEmpty() {
    return digits.isEmpty();
  }
}
