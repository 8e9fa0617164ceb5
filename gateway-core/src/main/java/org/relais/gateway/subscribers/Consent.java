package org.relais.gateway.subscribers;

import java.util.Locale;
import java.util.Optional;

/** The kinds of unsolicited messages a subscriber may accept or refuse, each on its own. */
public enum Consent {
  /** Public warnings (CAP alerts). */
  ALERTS,
  /** Bills and payment reminders. */
  BILLS,
  /** News of the subscriber's own cases. */
  CASE_STATUS;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Consent> parse(String text) {
    for (Consent c : values()) {
      if (c.label().equalsIgnoreCase(text == null ? "" : text.trim())) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
