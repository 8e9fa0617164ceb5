package org.relais.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.relais.gateway.sms.MessageState;
import org.relais.gateway.sms.NewMessage;
import org.relais.gateway.sms.OutboundMessage;
import org.relais.sms.Priority;

/**
 * The rows of outbound messages: how a row reads, how a state change and its history event are
 * written. The steps every message takes (queued, submitted, settled by a receipt) write no event:
 * {@link MessageHistory} reads them from the rows.
 */
final class MessageRows {

  static final String COLUMNS = "id, destination, source, body, language, priority, state, parts, bind, error,"
      + " attempts, registered_delivery, transliterate, validity_ms, schedule_at, reference, created_at, updated_at";

  private MessageRows() {}

  /** The lane a priority sorts in: 0 first. */
  static int lane(Priority priority) {
    return priority.ordinal();
  }

  static OutboundMessage message(ResultSet rs) throws SQLException {
    NewMessage request = NewMessage.to(rs.getString("destination"), rs.getString("body"))
        .source(rs.getString("source"))
        .language(rs.getString("language"))
        .priority(Priority.valueOf(rs.getString("priority")))
        .parts(rs.getInt("parts"))
        .registeredDelivery(rs.getInt("registered_delivery") == 1)
        .transliterate(rs.getInt("transliterate") == 1)
        .validity(Rows.millis(rs, "validity_ms"))
        .scheduleAt(Rows.time(rs, "schedule_at"))
        .reference(rs.getString("reference"))
        .build();
    return new OutboundMessage(rs.getString("id"), request, MessageState.of(rs.getString("state")),
        rs.getString("bind"), rs.getString("error"), rs.getInt("attempts"), Rows.time(rs, "created_at"),
        Rows.time(rs, "updated_at"));
  }

  /**
   * Inserts a queued message, with an event when {@code detail} says more than that it was queued:
   * claimed by {@code claim} (null: by no run yet),
   * due at {@code nextAttemptAt}; {@code batchId} and {@code category} for a batch's or a
   * notification's message, null otherwise.
   */
  static void insert(Connection c, String id, NewMessage m, long now, Long claim, long nextAttemptAt, String batchId,
      String category, String detail) throws SQLException {
    PreparedStatement ps = Sql.prepare(c, "INSERT INTO messages (" + COLUMNS
        + ", lane, claim, next_attempt_at, idempotency_key, batch_id, category) VALUES (?, ?, ?, ?, ?, ?, 'queued', ?,"
        + " NULL, NULL, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
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
    ps.setInt(15, lane(m.priority()));
    if (claim == null) {
      ps.setNull(16, java.sql.Types.BIGINT);
    } else {
      ps.setLong(16, claim);
    }
    ps.setLong(17, nextAttemptAt);
    Rows.setText(ps, 18, m.idempotencyKey());
    Rows.setText(ps, 19, batchId);
    Rows.setText(ps, 20, category);
    ps.executeUpdate();
    if (detail != null) {
      event(c, id, now, MessageState.QUEUED, detail);
    }
  }

  static void event(Connection c, String id, long at, MessageState state, String detail) throws SQLException {
    PreparedStatement ps = Sql.prepare(c, "INSERT INTO message_events (message_id, at, state, detail) VALUES (?, ?, ?, ?)");
    ps.setString(1, id);
    ps.setLong(2, at);
    ps.setString(3, state.label());
    Rows.setText(ps, 4, detail);
    ps.executeUpdate();
  }

  /** Moves a message that is not final yet to {@code state}, with its event; a final state stays. */
  static boolean setState(Connection c, String id, MessageState state, String detail) throws SQLException {
    long now = System.currentTimeMillis();
    if (!update(c, id, now, state, detail)) {
      return false;
    }
    event(c, id, now, state, detail);
    return true;
  }

  /**
   * Moves a message that is not final yet to the final {@code state} its parts' receipts settled,
   * with no event (the history reads it from the row and the parts); a final state stays.
   */
  static void settle(Connection c, String id, MessageState state, String detail) throws SQLException {
    update(c, id, System.currentTimeMillis(), state, detail);
  }

  private static boolean update(Connection c, String id, long now, MessageState state, String detail)
      throws SQLException {
    PreparedStatement ps = Sql.prepare(c, "UPDATE messages SET state = ?, error = ?, updated_at = ?"
        + " WHERE id = ? AND +state IN ('queued', 'submitted')");
    ps.setString(1, state.label());
    Rows.setText(ps, 2, state == MessageState.DELIVERED ? null : detail);
    ps.setLong(3, now);
    ps.setString(4, id);
    return ps.executeUpdate() > 0;
  }
}
