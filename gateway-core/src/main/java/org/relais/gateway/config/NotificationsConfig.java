package org.relais.gateway.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.relais.gateway.notify.QuietHours;

/**
 * Notifications sent in numbers (bills, reminders, unusual consumption): the templates file, the
 * quiet hours of each category in {@code timezone}, how a batch is released to the outbound queue
 * (chunks of {@code release_chunk}, never more than {@code release_ahead} of its messages queued
 * at once, looked at every {@code release_interval}), the bounds of an upload, and the rule of
 * the consumption alert.
 */
public record NotificationsConfig(
    String templates, String timezone, Map<String, String> quietHours, Integer releaseChunk, Integer releaseAhead,
    Duration releaseInterval, Integer maxRecipients, Integer maxLineKb, ConsumptionConfig consumption) {

  private static final Map<String, String> DEFAULT_QUIET =
      Map.of("bills", "21:00-08:00", "reminders", "21:00-08:00", "consumption", "21:00-08:00");

  public NotificationsConfig {
    templates = Settings.text(templates, "templates/notifications.yaml");
    timezone = Settings.text(timezone, "Africa/Tunis");
    try {
      ZoneId.of(timezone);
    } catch (RuntimeException e) {
      throw new ConfigException("notifications.timezone", timezone, "a timezone such as Africa/Tunis or Europe/Paris");
    }
    quietHours = quietHours == null ? DEFAULT_QUIET : new LinkedHashMap<>(quietHours);
    for (Map.Entry<String, String> category : quietHours.entrySet()) {
      String key = "notifications.quiet_hours." + category.getKey();
      if (!category.getKey().matches("[a-z][a-z0-9_]{0,31}")) {
        throw new ConfigException(key, category.getKey(), "a category name (lower case letters, digits, _)");
      }
      try {
        QuietHours.parse(category.getValue(), ZoneId.of(timezone));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(key, category.getValue(), "a range of local times such as 21:00-08:00, or none");
      }
    }
    quietHours = Map.copyOf(quietHours);
    releaseChunk = Settings.range("notifications.release_chunk", releaseChunk, 500, 1, 10_000);
    releaseAhead = Settings.range("notifications.release_ahead", releaseAhead, 2000, releaseChunk, 100_000);
    releaseInterval = Settings.between("notifications.release_interval", releaseInterval, Duration.ofSeconds(1),
        Duration.ofMillis(50), Duration.ofMinutes(1));
    maxRecipients = Settings.range("notifications.max_recipients", maxRecipients, 2_000_000, 1, 50_000_000);
    maxLineKb = Settings.range("notifications.max_line_kb", maxLineKb, 16, 1, 1024);
    consumption = consumption == null ? new ConsumptionConfig(null, null, null) : consumption;
  }

  /** The quiet hours of every category, read. */
  public Map<String, QuietHours> quietHoursByCategory() {
    Map<String, QuietHours> out = new LinkedHashMap<>();
    quietHours.forEach((category, range) -> out.put(category, QuietHours.parse(range, ZoneId.of(timezone))));
    return out;
  }

  /**
   * The unusual-consumption rule: an alert when the current figure is at least {@code ratio} times
   * the same period of last year and at least {@code floor} (in the account's own unit), with the
   * text of {@code template}.
   */
  public record ConsumptionConfig(Double ratio, Double floor, String template) {

    public ConsumptionConfig {
      ratio = ratio == null ? 1.5 : ratio;
      if (!(ratio > 1.0 && ratio <= 100)) {
        throw new ConfigException("notifications.consumption.ratio", ratio, "a number above 1 and at most 100");
      }
      floor = floor == null ? 20.0 : floor;
      if (!(floor >= 0 && floor < 1e12)) {
        throw new ConfigException("notifications.consumption.floor", floor, "a number from 0");
      }
      template = Settings.text(template, "consumption_alert");
    }
  }
}
