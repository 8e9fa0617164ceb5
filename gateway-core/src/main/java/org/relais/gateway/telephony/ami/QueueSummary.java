package org.relais.gateway.telephony.ami;

import java.time.Duration;

/**
 * A queue's state from the {@code QueueSummary} event: agents logged in and available, callers
 * waiting, and the average hold and talk times (seconds) Asterisk keeps.
 */
public record QueueSummary(
    String queue, int loggedIn, int available, int callers, int holdTime, int talkTime, int longestHoldTime) {

  /** Without an agent logged in, the wait is unbounded: this long, beyond any threshold a flow sets. */
  public static final Duration NO_AGENT = Duration.ofDays(1);

  static QueueSummary of(AmiPacket p) {
    return new QueueSummary(p.get("Queue"), p.number("LoggedIn", 0), p.number("Available", 0), p.number("Callers", 0),
        p.number("HoldTime", 0), p.number("TalkTime", 0), p.number("LongestHoldTime", 0));
  }

  /**
   * How long a caller joining now is expected to wait: nothing when an agent is free for them;
   * otherwise the longer of the average hold time and the time for the logged-in agents to take
   * the callers ahead (average talk time × callers ahead ÷ agents).
   */
  public Duration expectedWait() {
    if (available > callers) {
      return Duration.ZERO;
    }
    if (loggedIn <= 0) {
      return NO_AGENT;
    }
    long ahead = (long) callers + 1 - available;
    long byTalk = (talkTime * ahead + loggedIn - 1) / loggedIn;
    return Duration.ofSeconds(Math.max(holdTime, byTalk));
  }
}
