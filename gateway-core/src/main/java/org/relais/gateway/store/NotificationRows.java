package org.relais.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import org.relais.gateway.sms.MessageState;
import org.relais.gateway.sms.NewMessage;

/**
 * Queued messages written by notifications (batches, consumption alerts) rather than by the API:
 * they carry their batch and category, and a message held by quiet hours is due at {@link #HELD}
 * until they end.
 */
final class NotificationRows {

  /** next_attempt_at of a message held by quiet hours: never due until freed. */
  static final long HELD = Long.MAX_VALUE;

  private NotificationRows() {}

  static void insertMessage(Connection c, String id, NewMessage m, String batchId, String category, boolean held,
      long now) throws SQLException {
    PreparedStatement ps = Sql.prepare(c, "INSERT INTO messages (" + MessageRows.COLUMNS
        + ", lane, claim, next_attempt_at, batch_id, category) VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, NULL, NULL, 0, ?,"
        + " ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)");
    ps.setString(1, id);
    ps.setString(2, m.destination());
    Rows.setText(ps, 3, m.source());
    ps.setString(4, m.body());
    Rows.setText(ps, 5, m.language());
    ps.setString(6, m.priority().name());
    ps.setInt(7, m.parts());
    ps.setInt(8, m.registeredDelivery() ? 1 : 0);
    ps.setInt(9, m.transliterate() ? 1 : 0);
    Rows.setMillis(ps, 10, m.validity());
    Rows.setTime(ps, 11, m.scheduleAt());
    Rows.setText(ps, 12, m.reference());
    ps.setLong(13, now);
    ps.setLong(14, now);
    ps.setInt(15, MessageRows.lane(m.priority()));
    ps.setLong(16, held ? HELD : 0);
    if (batchId == null) {
      ps.setNull(17, Types.VARCHAR);
    } else {
      ps.setString(17, batchId);
    }
    ps.setString(18, category);
    ps.executeUpdate();
    MessageRows.event(c, id, now, MessageState.QUEUED, held ? "held by quiet hours" : null);
  }
}
