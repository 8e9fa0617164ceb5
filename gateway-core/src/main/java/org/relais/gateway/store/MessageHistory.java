package org.relais.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.relais.gateway.sms.MessageEvent;
import org.relais.gateway.sms.MessageState;
import org.relais.sms.receipt.ReceiptStatus;

/**
 * A message's history. The steps every message takes are not written as events, as the rows
 * already say them: queued (the message's {@code created_at}), submitted (its parts' bind, SMSC
 * ids and {@code submitted_at}) and the final state a receipt settled (its {@code updated_at},
 * and the receipt's words: the message's {@code error}, or for a delivered message the stat and
 * error of its delivered part receipted last). Every other step (a retry, a rejection, a
 * cancellation, parts abandoned, a message held by quiet hours) is an event row. Read together,
 * in one read transaction and in time order, they are the history; a step already written as an
 * event (by an older version) is not told twice.
 */
final class MessageHistory {

  private MessageHistory() {}

  /**
   * The history of message {@code id}, read on a reader connection (in autocommit: the store ends
   * the read transaction opened here should the read fail).
   */
  static List<MessageEvent> of(Connection c, String id) throws SQLException {
    // The message, its events and its parts as one commit left them, not a writer's step apart.
    c.setAutoCommit(false);
    List<MessageEvent> history = read(c, id);
    // Ends the read transaction; should it fail, autocommit stays off and the store rolls back.
    c.commit();
    c.setAutoCommit(true);
    return history;
  }

  private static List<MessageEvent> read(Connection c, String id) throws SQLException {
    PreparedStatement message = Sql.prepare(c, "SELECT state, error, created_at, updated_at FROM messages WHERE id = ?");
    message.setString(1, id);
    MessageState state;
    String error;
    long createdAt;
    long updatedAt;
    try (ResultSet rs = message.executeQuery()) {
      if (!rs.next()) {
        return List.of();
      }
      state = MessageState.of(rs.getString(1));
      error = rs.getString(2);
      createdAt = rs.getLong(3);
      updatedAt = rs.getLong(4);
    }
    List<MessageEvent> written = written(c, id);
    List<MessageEvent> history = new ArrayList<>(written.size() + 3);
    if (written.stream().noneMatch(e -> isCreation(e, createdAt))) {
      history.add(new MessageEvent(Instant.ofEpochMilli(createdAt), MessageState.QUEUED, null));
    }
    history.addAll(written);
    Parts parts = parts(c, id);
    if (parts != null && written.stream().noneMatch(e -> e.state() == MessageState.SUBMITTED)) {
      history.add(new MessageEvent(Instant.ofEpochMilli(parts.submittedAt), MessageState.SUBMITTED,
          "bind " + parts.bind + ", SMSC id " + String.join(",", parts.ids)));
    }
    // Settled by a receipt: even when its parts are gone (an SMSC that used their ids again replaced them).
    if (state.isFinal() && written.stream().noneMatch(e -> e.state() == state)) {
      String detail = state != MessageState.DELIVERED ? error : "receipt " + ReceiptStatus.DELIVERED.stat()
          + (parts == null || parts.deliveredError == null ? "" : " err " + parts.deliveredError);
      history.add(new MessageEvent(Instant.ofEpochMilli(updatedAt), state, detail));
    }
    // Stable: steps of the same millisecond keep the order above.
    history.sort(Comparator.comparing(MessageEvent::at));
    return history;
  }

  /**
   * The event the message was queued with: at its {@code created_at}, without detail (older
   * versions wrote one for every message) or held by quiet hours; not a retry of the same millisecond.
   */
  private static boolean isCreation(MessageEvent e, long createdAt) {
    return e.state() == MessageState.QUEUED && e.at().toEpochMilli() == createdAt
        && (e.detail() == null || e.detail().equals(NotificationRows.HELD_DETAIL));
  }

  private static List<MessageEvent> written(Connection c, String id) throws SQLException {
    PreparedStatement ps = Sql.prepare(c, "SELECT at, state, detail FROM message_events WHERE message_id = ?"
        + " ORDER BY at, rowid");
    ps.setString(1, id);
    List<MessageEvent> events = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        events.add(new MessageEvent(Instant.ofEpochMilli(rs.getLong(1)), MessageState.of(rs.getString(2)),
            rs.getString(3)));
      }
    }
    return events;
  }

  /**
   * The parts of the submit the message went out with: bind, ids in order, when, and the error of
   * the delivered part receipted last.
   */
  private record Parts(String bind, List<String> ids, long submittedAt, String deliveredError) {}

  private static Parts parts(Connection c, String id) throws SQLException {
    PreparedStatement ps = Sql.prepare(c, "SELECT smsc_id, bind, submitted_at, receipt_at, error, state"
        + " FROM message_parts WHERE message_id = ? AND part > 0 ORDER BY part");
    ps.setString(1, id);
    String bind = null;
    List<String> ids = new ArrayList<>();
    long submittedAt = 0;
    long lastDelivered = Long.MIN_VALUE;
    String deliveredError = null;
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getString(1));
        bind = rs.getString(2);
        submittedAt = rs.getLong(3);
        long receiptAt = rs.getLong(4);
        if (!rs.wasNull() && receiptAt >= lastDelivered && MessageState.DELIVERED.label().equals(rs.getString(6))) {
          lastDelivered = receiptAt;
          deliveredError = rs.getString(5);
        }
      }
    }
    return ids.isEmpty() ? null : new Parts(bind, ids, submittedAt, deliveredError);
  }
}
