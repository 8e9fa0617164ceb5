package org.relais.gateway.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.relais.gateway.sms.NewMessage;

/**
 * Queued messages written by notifications (batches, consumption alerts) rather than by the API:
 * they carry their batch and category, and a message held by quiet hours is due at {@link #HELD}
 * until they end.
 */
final class NotificationRows {

  /** next_attempt_at of a message held by quiet hours: never due until freed. */
  static final long HELD = Long.MAX_VALUE;

  /** The detail of the event a message held by quiet hours is queued with. */
  static final String HELD_DETAIL = "held by quiet hours";

  private NotificationRows() {}

  static void insertMessage(Connection c, String id, NewMessage m, String batchId, String category, boolean held,
      long now) throws SQLException {
    MessageRows.insert(c, id, m, now, null, held ? HELD : 0, batchId, category, held ? HELD_DETAIL : null);
  }
}
