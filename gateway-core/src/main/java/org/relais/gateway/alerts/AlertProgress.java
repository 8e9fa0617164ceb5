package org.relais.gateway.alerts;

import java.util.Map;

/**
 * Counts for one alert: per channel, recipients by state; for SMS, the queued messages by their own
 * state ({@code queued}, {@code submitted}, {@code delivered}, {@code failed}...); for voice, the
 * calls answered and confirmed.
 */
public record AlertProgress(Map<String, Long> smsTargeted, Map<String, Long> smsByState, Map<String, Long> voiceByState,
    long callsAnswered, long callsConfirmed) {

  public long sms(String state) {
    return smsByState.getOrDefault(state, 0L);
  }

  public long voice(String state) {
    return voiceByState.getOrDefault(state, 0L);
  }

  public long smsTotal() {
    return smsTargeted.values().stream().mapToLong(Long::longValue).sum();
  }

  public long voiceTotal() {
    return voiceByState.values().stream().mapToLong(Long::longValue).sum();
  }
}
