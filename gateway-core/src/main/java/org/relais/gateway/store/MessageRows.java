package org.relais.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.relais.gateway.sms.MessageState;
import org.relais.gateway.sms.NewMessage;
import org.relais.gateway.sms.OutboundMessage;
import org.relais.sms.Priority;

/** The rows of outbound messages: how a row reads, how a state change and its history event are written. */
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
    PreparedStatement ps = Sql.prepare(c, "UPDATE messages SET state = ?, error = ?, updated_at = ?"
        + " WHERE id = ? AND +state IN ('queued', 'submitted')");
    ps.setString(1, state.label());
    Rows.setText(ps, 2, state == MessageState.DELIVERED ? null : detail);
    ps.setLong(3, now);
    ps.setString(4, id);
    if (ps.executeUpdate() == 0) {
      return false;
    }
    event(c, id, now, state, detail);
    return true;
  }
}
