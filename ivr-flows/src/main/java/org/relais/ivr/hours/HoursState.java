package org.relais.ivr.hours;

/** Whether a service is open at a given moment. */
public enum HoursState {
  /** Within the opening hours of the day. */
  OPEN,
  /** Outside them (evening, night, a closed day). */
  CLOSED,
  /** A public holiday from the calendar: closed all day. */
  HOLIDAY
}
