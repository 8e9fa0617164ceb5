package org.relais.ivr.hours;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/** One opening range of a day, {@code from} included, {@code to} excluded. */
public record TimeRange(LocalTime from, LocalTime to) {

  public TimeRange {
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("'" + from + "-" + to + "': the range must end after it starts");
    }
  }

  /** Reads {@code 07:30-17:30}. */
  public static TimeRange parse(String text) {
    String[] parts = text.trim().split("\\s*-\\s*");
    if (parts.length != 2) {
      throw new IllegalArgumentException("'" + text + "' is not a range such as 07:30-17:30");
    }
    try {
      return new TimeRange(LocalTime.parse(pad(parts[0])), LocalTime.parse(pad(parts[1])));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not a range such as 07:30-17:30");
    }
  }

  private static String pad(String time) {
    return time.length() == 4 && time.charAt(1) == ':' ? "0" + time : time;
  }

  public boolean contains(LocalTime time) {
    return !time.isBefore(from) && time.isBefore(to);
  }

  @Override
  public String toString() {
    return from + "-" + to;
  }
}
