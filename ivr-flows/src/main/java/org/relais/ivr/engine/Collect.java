package org.relais.ivr.engine;

import java.time.Duration;

/**
 * How to collect keys: at most {@code maxDigits}, the first within {@code firstDigit}, each next
 * one within {@code interDigit}, ending early on one of {@code terminators} (not kept).
 */
public record Collect(int maxDigits, Duration firstDigit, Duration interDigit, String terminators) {

  public Collect {
    if (maxDigits < 1) {
      throw new IllegalArgumentException("maxDigits " + maxDigits);
    }
    terminators = terminators == null ? "" : terminators;
  }

  /** One key within {@code timeout}; # counts as a key (it ends an empty entry). */
  public static Collect oneKey(Duration timeout) {
    return new Collect(1, timeout, timeout, "#");
  }
}
