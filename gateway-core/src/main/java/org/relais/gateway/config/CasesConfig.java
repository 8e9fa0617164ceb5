package org.relais.gateway.config;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Cases: the response delay announced when neither the core nor the category gives one, the
 * length of tracking numbers (check digit included), how long the acknowledgement waits for the
 * core's first answer, the categories, and the statuses that count as an answer to the citizen
 * (for the service-level indicators).
 */
public record CasesConfig(
    Duration responseDelay, Integer trackingDigits, Duration ackWait, List<CaseCategory> categories,
    List<String> answeredStatuses, Duration slaCheck) {

  public CasesConfig {
    responseDelay = Settings.between("cases.response_delay", responseDelay, Duration.ofDays(3), Duration.ofHours(1),
        Duration.ofDays(365));
    trackingDigits = Settings.range("cases.tracking_digits", trackingDigits, 8, 6, 12);
    ackWait = Settings.between("cases.ack_wait", ackWait, Duration.ofSeconds(2), Duration.ZERO, Duration.ofSeconds(30));
    categories = categories == null ? List.of() : List.copyOf(categories);
    Set<String> codes = new HashSet<>();
    for (int i = 0; i < categories.size(); i++) {
      CaseCategory c = categories.get(i);
      String at = "cases.categories[" + i + "]";
      if (c.code() == null || !c.code().matches("[a-z][a-z0-9_]{0,39}")) {
        throw new ConfigException(at + ".code", c.code(), "a code of lower-case letters, digits or _");
      }
      if (!codes.add(c.code())) {
        throw new ConfigException(at + ".code", c.code(), "a code no other category has");
      }
      if (c.responseDelay() != null) {
        Settings.between(at + ".response_delay", c.responseDelay(), null, Duration.ofHours(1), Duration.ofDays(365));
      }
    }
    if (categories.size() > 9) {
      throw new ConfigException("cases.categories", categories.size() + " categories", "at most 9 (one key each)");
    }
    answeredStatuses = answeredStatuses == null || answeredStatuses.isEmpty()
        ? List.of("in_progress", "resolved", "closed", "rejected")
        : answeredStatuses.stream().map(s -> s.trim().toLowerCase(java.util.Locale.ROOT)).toList();
    slaCheck = Settings.between("cases.sla_check", slaCheck, Duration.ofMinutes(1), Duration.ofSeconds(1),
        Duration.ofHours(1));
  }

  /** The category of this code, if configured. */
  public java.util.Optional<CaseCategory> category(String code) {
    return categories.stream().filter(c -> c.code().equals(code)).findFirst();
  }

  /** The delay announced for a category (its own, else {@code response_delay}). */
  public Duration delayFor(String category) {
    return category(category).map(CaseCategory::responseDelay).filter(d -> d != null).orElse(responseDelay);
  }
}
