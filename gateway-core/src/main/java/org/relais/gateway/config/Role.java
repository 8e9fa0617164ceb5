package org.relais.gateway.config;

import java.util.Locale;
import java.util.Optional;

/** What a bearer token may do on the HTTP API. */
public enum Role {
  /** Everything, including reading any message, case or indicator. */
  ADMIN,
  /** Sending messages, batches and alerts. */
  SENDER,
  /** The core case system: reporting status changes. */
  CORE,
  /** Issuing CAP alerts, following and cancelling them, and keeping the subscribers they reach. */
  ALERTER,
  /** Signing, as second approver, an alert that reaches more recipients than alerts.approval_threshold. */
  APPROVER;

  public static Optional<Role> parse(String text) {
    for (Role role : values()) {
      if (role.name().equalsIgnoreCase(text.trim())) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
