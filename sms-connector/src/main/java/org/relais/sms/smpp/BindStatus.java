package org.relais.sms.smpp;

import java.util.List;

/**
 * What a bind reports to /health and /metrics: its state and sessions, its window, the rate it
 * submits at (parts per second over the last ten seconds) and is allowed (tps, lowered while the
 * SMSC throttles), and its counters since start.
 */
public record BindStatus(
    String name, String group, BindState state, List<Session> sessions, int windowInUse, int windowSize, int queued,
    long submitted, double submitRate, double allowedRate, long throttled, long rejected, long failed, long received,
    long receipts, long malformed) {

  /** One SMPP session of the bind: {@code trx}, or {@code tx} and {@code rx}. */
  public record Session(String type, BindState state, String lastFailure) {}
}
