package org.relais.gateway.telephony.callback;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What callbacks need from the store. */
public interface CallbackStore {

  /** Registers a callback due now; the same source registers it once and gets the same one back. */
  Future<Callback> register(NewCallback request);

  Future<Optional<Callback>> find(String id);

  /** Pending callbacks due at {@code now}, oldest first. */
  Future<List<Callback>> due(Instant now, int limit);

  /** Moves a pending callback to dialling; false when it was not pending any more. */
  Future<Boolean> claim(String id);

  /** Moves a pending callback's next attempt to {@code at} (its service is closed until then), counting no attempt. */
  Future<Void> postpone(String id, Instant at);

  /**
   * Records an attempt and its outcome, and the state it leaves the callback in: answered, pending
   * again from {@code nextAt}, or failed.
   */
  Future<Callback> attempted(String id, Attempt attempt, CallbackState state, Instant nextAt);

  /** Callbacks left dialling by a stop are pending again; returns how many. */
  Future<Integer> resumeDialling();

  /** Counts by state, for /metrics. */
  Future<Map<CallbackState, Long>> counts();

  /** One call placed for a callback. */
  record Attempt(int number, Instant at, String outcome, String detail, String channelId) {}
}
