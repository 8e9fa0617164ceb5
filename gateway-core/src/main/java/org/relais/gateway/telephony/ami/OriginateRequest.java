package org.relais.gateway.telephony.ami;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An outbound call: dial {@code channel}, and once answered run {@code context,exten,1}, ringing
 * at most {@code ringTimeout}; the new channel gets {@code channelId} as its uniqueid, the
 * {@code callerId} and the channel {@code variables}.
 */
public record OriginateRequest(
    String channel, String context, String exten, Duration ringTimeout, String callerId, String channelId,
    Map<String, String> variables) {

  public OriginateRequest {
    variables = Map.copyOf(new LinkedHashMap<>(variables));
  }

  /** A call to {@code channel} answered into {@code context,exten}, without caller id or variables. */
  public static OriginateRequest of(String channel, String context, String exten, Duration ringTimeout,
      String channelId) {
    return new OriginateRequest(channel, context, exten, ringTimeout, "", channelId, Map.of());
  }

  public OriginateRequest withCallerId(String id) {
    return new OriginateRequest(channel, context, exten, ringTimeout, id, channelId, variables);
  }

  public OriginateRequest withVariables(Map<String, String> vars) {
    return new OriginateRequest(channel, context, exten, ringTimeout, callerId, channelId, vars);
  }

  /** The Originate action, Async, with our ChannelId; each variable on its own {@code Variable} line. */
  AmiAction action() {
    AmiAction a = AmiAction.of("Originate")
        .with("Channel", channel)
        .with("Context", context)
        .with("Exten", exten)
        .with("Priority", "1")
        .with("Timeout", String.valueOf(ringTimeout.toMillis()))
        .with("Async", "true")
        .with("ChannelId", channelId);
    if (!callerId.isEmpty()) {
      a = a.with("CallerID", callerId);
    }
    for (Map.Entry<String, String> v : new java.util.TreeMap<>(variables).entrySet()) {
      a = a.with("Variable", v.getKey() + "=" + v.getValue());
    }
    return a;
  }
}
