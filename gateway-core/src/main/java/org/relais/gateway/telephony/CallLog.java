package org.relais.gateway.telephony;

import io.vertx.core.Future;
import java.time.Instant;
import org.relais.ivr.engine.CallOutcome;

/** Where each IVR call is recorded when it ends: how it ended and how far the caller got. */
public interface CallLog {

  /** One finished call. */
  record CallRecord(String callId, String caller, Instant startedAt, Instant endedAt, CallOutcome outcome) {}

  Future<Void> record(CallRecord call);

  /** A log that keeps nothing (benchmarks, tests of the protocol alone). */
  static CallLog none() {
    return call -> Future.succeededFuture();
  }
}
