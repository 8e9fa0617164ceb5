package org.relais.gateway.notify;

import io.vertx.core.Future;
import org.relais.gateway.sms.NewMessage;

/** What consumption alerts need from the store: one alert per account and period, with its message, atomically. */
public interface ConsumptionStore {

  /**
   * Records the alert of the reading's account and period and queues its message (held by quiet
   * hours when {@code held}) in one transaction; when that account and period already had one,
   * nothing is queued and the earlier message is returned.
   */
  Future<Recorded> record(ConsumptionReading reading, NewMessage message, String category, boolean held);

  /** The message of the alert, and whether this call created it. */
  record Recorded(String messageId, boolean created) {}
}
