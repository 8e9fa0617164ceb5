package org.relais.gateway.notify;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.relais.sms.Priority;

/**
 * Which messages wait for the end of quiet hours: those of a category whose quiet hours hold the
 * present moment, unless they go in the alert or reply lane, which never wait.
 */
public final class QuietPolicy {

  private final Map<String, QuietHours> byCategory;
  private final Clock clock;

  public QuietPolicy(Map<String, QuietHours> byCategory, Clock clock) {
    this.byCategory = Map.copyOf(byCategory);
    this.clock = clock;
  }

  public Map<String, QuietHours> categories() {
    return byCategory;
  }

  public Instant now() {
    return clock.instant();
  }

  /** True when a message of {@code category} in {@code priority}'s lane waits now. */
  public boolean holds(String category, Priority priority) {
    if (priority == Priority.ALERT || priority == Priority.REPLY) {
      return false;
    }
    return isQuiet(category);
  }

  /** True when the quiet hours of {@code category} hold the present moment. */
  public boolean isQuiet(String category) {
    QuietHours hours = byCategory.get(category);
    return hours != null && hours.isQuiet(clock.instant());
  }

  /** When the quiet hours of {@code category} that hold {@code at} end; empty when {@code at} is not quiet. */
  public Optional<Instant> endAfter(String category, Instant at) {
    QuietHours hours = byCategory.get(category);
    return hours == null ? Optional.empty() : hours.endAfter(at);
  }
}
