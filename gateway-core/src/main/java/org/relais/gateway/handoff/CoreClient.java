package org.relais.gateway.handoff;

import io.vertx.core.Future;
import org.relais.gateway.cases.CaseRecord;

/** One contract with the core case system. */
public interface CoreClient {

  /**
   * Hands a case over; repeating it with the same case is safe (the core dedupes on the case id).
   * Fails with a {@link CoreException}.
   */
  Future<CoreReceipt> submit(CaseRecord record);

  /** Whether the core answers HTTP at all; for /health. */
  Future<Boolean> probe();
}
