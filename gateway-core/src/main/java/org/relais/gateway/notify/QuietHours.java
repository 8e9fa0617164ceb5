package org.relais.gateway.notify;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The local hours during which a category of messages waits (21:00-08:00: nothing between nine in
 * the evening and eight in the morning). A range may cross midnight; {@code none} never waits.
 */
public record QuietHours(LocalTime from, LocalTime to, ZoneId zone) {

  /** Never quiet. */
  public static QuietHours none(ZoneId zone) {
    return new QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, zone);
  }

  /** Reads {@code "21:00-08:00"} or {@code "none"}; throws IllegalArgumentException otherwise. */
  public static QuietHours parse(String range, ZoneId zone) {
    if (range == null || range.isBlank() || range.trim().equalsIgnoreCase("none")) {
      return none(zone);
    }
    String[] ends = range.trim().split("\\s*-\\s*");
    if (ends.length != 2) {
      throw new IllegalArgumentException("not a range: " + range);
    }
    try {
      LocalTime from = LocalTime.parse(ends[0].length() == 4 ? "0" + ends[0] : ends[0]);
      LocalTime to = LocalTime.parse(ends[1].length() == 4 ? "0" + ends[1] : ends[1]);
      if (from.equals(to)) {
        throw new IllegalArgumentException("an empty range: " + range);
      }
      return new QuietHours(from, to, zone);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a range: " + range, e);
    }
  }

  public boolean isNone() {
    return from.equals(to);
  }

  /** True when {@code at} falls within the quiet hours. */
  public boolean isQuiet(Instant at) {
    if (isNone()) {
      return false;
    }
    LocalTime t = at.atZone(zone).toLocalTime();
    return from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
  }

  /** When the quiet hours that hold {@code at} end; empty when {@code at} is not quiet. */
  public Optional<Instant> endAfter(Instant at) {
    if (!isQuiet(at)) {
      return Optional.empty();
    }
    ZonedDateTime local = at.atZone(zone);
    LocalDate day = local.toLocalTime().isBefore(to) ? local.toLocalDate() : local.toLocalDate().plusDays(1);
    return Optional.of(ZonedDateTime.of(day, to, zone).toInstant());
  }

  @Override
  public String toString() {
    return isNone() ? "none" : from + "-" + to;
  }
}
