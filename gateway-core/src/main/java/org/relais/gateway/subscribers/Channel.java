package org.relais.gateway.subscribers;

import java.util.Locale;
import java.util.Optional;

/** How a subscriber accepts to be reached by alerts: by SMS, by an automated call. */
public enum Channel {
  SMS,
  VOICE;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Channel> parse(String text) {
    for (Channel c : values()) {
      if (c.label().equalsIgnoreCase(text == null ? "" : text.trim())) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
