package org.relais.ivr.engine;

import java.time.Duration;

/** A recording made: where it is on the Asterisk side (a file name without extension) and how long it lasts. */
public record Recording(String file, Duration length) {

  /** Shorter than this, nothing was said. */
  public static final Duration MIN_LENGTH = Duration.ofSeconds(1);

  public boolean isEmpty() {
    return length.compareTo(MIN_LENGTH) < 0;
  }
}
