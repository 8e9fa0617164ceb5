package org.relais.gateway.indicators;

import io.vertx.core.Future;
import java.time.Instant;

/** The queries behind the indicators. */
public interface IndicatorStore {

  /** The figures of the cases received in [from, to), and of the calls that started in it. */
  Future<Indicators> indicators(Instant from, Instant to, Instant now);
}
