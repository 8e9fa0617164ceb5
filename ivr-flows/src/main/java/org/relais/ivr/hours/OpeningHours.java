package org.relais.ivr.hours;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The opening hours of one service: ranges per day of the week in a timezone, and a holiday
 * calendar of fixed dates ({@code 2026-03-20}) and dates that come back every year ({@code 05-01}).
 */
public record OpeningHours(
    ZoneId zone, Map<DayOfWeek, List<TimeRange>> week, Set<LocalDate> holidays, Set<MonthDay> yearlyHolidays) {

  private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

  public OpeningHours {
    Map<DayOfWeek, List<TimeRange>> copy = new EnumMap<>(DayOfWeek.class);
    week.forEach((day, ranges) -> copy.put(day, List.copyOf(ranges)));
    week = Map.copyOf(copy);
    holidays = Set.copyOf(holidays);
    yearlyHolidays = Set.copyOf(yearlyHolidays);
  }

  /**
   * Reads the configuration form: a timezone, days to ranges ({@code mon-fri: "07:30-17:30"},
   * {@code sat: "08:00-12:00, 14:00-16:00"}, {@code sun: closed}) and holidays; throws
   * {@link IllegalArgumentException} saying what is wrong.
   */
  public static OpeningHours parse(String zone, Map<String, String> days, List<String> holidays) {
    ZoneId zoneId;
    try {
      zoneId = ZoneId.of(zone);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("timezone '" + zone + "' is not a zone such as Africa/Tunis");
    }
    Map<DayOfWeek, List<TimeRange>> week = new EnumMap<>(DayOfWeek.class);
    days.forEach((spec, ranges) -> {
      List<TimeRange> parsed = new ArrayList<>();
      if (ranges != null && !ranges.isBlank() && !ranges.trim().equalsIgnoreCase("closed")) {
        for (String range : ranges.split(",")) {
          parsed.add(TimeRange.parse(range));
        }
      }
      for (DayOfWeek day : days(spec)) {
        week.put(day, parsed);
      }
    });
    Set<LocalDate> dates = new HashSet<>();
    Set<MonthDay> yearly = new HashSet<>();
    for (String holiday : holidays) {
      String h = holiday.trim();
      try {
        if (h.length() == 5) {
          yearly.add(MonthDay.parse("--" + h));
        } else {
          dates.add(LocalDate.parse(h));
        }
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("holiday '" + holiday + "' is not a date such as 2026-03-20 or 05-01");
      }
    }
    return new OpeningHours(zoneId, week, dates, yearly);
  }

  /** {@code mon-fri}, {@code sat}, {@code mon,wed,fri}. */
  private static List<DayOfWeek> days(String spec) {
    List<DayOfWeek> out = new ArrayList<>();
    for (String part : spec.toLowerCase(Locale.ROOT).split(",")) {
      String[] ends = part.trim().split("-");
      int from = DAYS.indexOf(ends[0].trim());
      int to = ends.length == 2 ? DAYS.indexOf(ends[1].trim()) : from;
      if (ends.length > 2 || from < 0 || to < from) {
        throw new IllegalArgumentException("'" + spec + "' is not days such as mon-fri, sat or mon,wed");
      }
      for (int d = from; d <= to; d++) {
        out.add(DayOfWeek.of(d + 1));
      }
    }
    return out;
  }

  /** Open, closed or a holiday, at {@code at}. */
  public HoursState state(Instant at) {
    ZonedDateTime local = at.atZone(zone);
    if (isHoliday(local.toLocalDate())) {
      return HoursState.HOLIDAY;
    }
    for (TimeRange range : week.getOrDefault(local.getDayOfWeek(), List.of())) {
      if (range.contains(local.toLocalTime())) {
        return HoursState.OPEN;
      }
    }
    return HoursState.CLOSED;
  }

  public boolean isHoliday(LocalDate date) {
    return holidays.contains(date) || yearlyHolidays.contains(MonthDay.from(date));
  }

  /** The first moment at or after {@code from} when the service is open, within a year; empty if never. */
  public Optional<Instant> nextOpening(Instant from) {
    if (state(from) == HoursState.OPEN) {
      return Optional.of(from);
    }
    LocalDate day = from.atZone(zone).toLocalDate();
    for (int i = 0; i <= 366; i++, day = day.plusDays(1)) {
      if (isHoliday(day)) {
        continue;
      }
      for (TimeRange range : week.getOrDefault(day.getDayOfWeek(), List.of())) {
        Instant start = day.atTime(range.from()).atZone(zone).toInstant();
        Instant end = day.atTime(range.to()).atZone(zone).toInstant();
        if (end.isAfter(from)) {
          return Optional.of(start.isBefore(from) ? from : start);
        }
      }
    }
    return Optional.empty();
  }

  /** Always open, every day: for tests and for services without hours. */
  public static OpeningHours always(ZoneId zone) {
    Map<DayOfWeek, List<TimeRange>> week = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      week.put(day, List.of(new TimeRange(java.time.LocalTime.MIN, java.time.LocalTime.MAX)));
    }
    return new OpeningHours(zone, week, Set.of(), Set.of());
  }
}
