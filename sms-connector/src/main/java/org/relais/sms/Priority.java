package org.relais.sms;

/** Sending lanes: a bind always serves the highest lane that has a message waiting. */
public enum Priority {
  /** Public warnings (floods, outages): first, always. */
  ALERT,
  /** Answers to a citizen who just wrote or called. */
  REPLY,
  /** Single notifications: case status, one-off messages. */
  NORMAL,
  /** Batches: bills, payment reminders. */
  BULK
}
