package org.relais.ivr.engine;

/** The keys a caller pressed (without the terminator) and what ended the entry. */
public record Input(String digits, Stop stop) {

  /** What ended an entry. */
  public enum Stop {
    /** The most keys asked for were pressed. */
    MAX_DIGITS,
    /** The caller pressed a terminator key (# by default). */
    TERMINATOR,
    /** The caller stopped pressing, or pressed nothing. */
    TIMEOUT
  }

  public static Input none() {
    return new Input("", Stop.TIMEOUT);
  }

  public boolean isEmpty() {
    return digits.isEmpty();
  }

  /** True when nothing was pressed at all: no key, no terminator. */
  public boolean isSilence() {
    return digits.isEmpty() && stop == Stop.TIMEOUT;
  }
}
