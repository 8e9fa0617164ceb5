package org.relais.gateway.store;

import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.relais.gateway.sms.MessageEvent;
import org.relais.gateway.sms.MessageState;
import org.relais.gateway.sms.MessageStore;
import org.relais.gateway.sms.NewMessage;
import org.relais.gateway.sms.OutboundMessage;
import org.relais.sms.Priority;
import org.relais.sms.SubmitResult;
import org.relais.sms.receipt.DeliveryReceipt;
import org.relais.sms.receipt.ReceiptStatus;
import org.relais.sms.receipt.SmscMessageIds;

/** Outbound messages, their parts and their history in SQLite. */
final class SqliteMessageStore implements MessageStore {

  private static final String COLUMNS = "id, destination, source, body, language, priority, state, parts, bind, error,"
      + " attempts, registered_delivery, transliterate, validity_ms, schedule_at, reference, created_at, updated_at";

  private final Database db;

  SqliteMessageStore(Database db) {
    this.db = db;
  }

  @Override
  public Future<OutboundMessage> insert(NewMessage m) {
    String id = Ids.next("msg");
    return db.write(c -> {
      Instant now = Instant.now();
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO messages (" + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, 0, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, id);
        ps.setString(2, m.destination());
        Rows.setText(ps, 3, m.source());
        ps.setString(4, m.body());
        Rows.setText(ps, 5, m.language());
        ps.setString(6, m.priority().name());
        ps.setString(7, MessageState.QUEUED.label());
        ps.setInt(8, m.parts());
        ps.setInt(9, m.registeredDelivery() ? 1 : 0);
        ps.setInt(10, m.transliterate() ? 1 : 0);
        Rows.setMillis(ps, 11, m.validity());
        Rows.setTime(ps, 12, m.scheduleAt());
        Rows.setText(ps, 13, m.reference());
        ps.setLong(14, now.toEpochMilli());
        ps.setLong(15, now.toEpochMilli());
        ps.executeUpdate();
      }
      event(c, id, now, MessageState.QUEUED, null);
      return new OutboundMessage(id, m, MessageState.QUEUED, null, null, 0, now, now);
    });
  }

  @Override
  public Future<Optional<OutboundMessage>> find(String id) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM messages WHERE id = ?")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(message(rs)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public Future<List<MessageEvent>> history(String id) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT at, state, detail FROM message_events WHERE message_id = ? ORDER BY at, rowid")) {
        ps.setString(1, id);
        List<MessageEvent> events = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            events.add(new MessageEvent(Instant.ofEpochMilli(rs.getLong("at")), MessageState.of(rs.getString("state")),
                rs.getString("detail")));
          }
        }
        return events;
      }
    });
  }

  @Override
  public Future<List<String>> smscIds(String id) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT smsc_id FROM message_parts WHERE message_id = ? ORDER BY part")) {
        ps.setString(1, id);
        List<String> ids = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getString(1));
          }
        }
        return ids;
      }
    });
  }

  @Override
  public Future<Void> submitted(SubmitResult result) {
    return db.write(c -> {
      Instant now = Instant.now();
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE messages SET state = ?, bind = ?, parts = ?, updated_at = ? WHERE id = ? AND state = ?")) {
        ps.setString(1, MessageState.SUBMITTED.label());
        ps.setString(2, result.bind());
        ps.setInt(3, result.smscMessageIds().size());
        ps.setLong(4, now.toEpochMilli());
        ps.setString(5, result.messageId());
        ps.setString(6, MessageState.QUEUED.label());
        if (ps.executeUpdate() == 0) {
          return null;
        }
      }
      event(c, result.messageId(), now, MessageState.SUBMITTED, "bind " + result.bind() + ", SMSC id "
          + String.join(",", result.smscMessageIds()));
      List<String> ids = result.smscMessageIds();
      try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO message_parts"
          + " (bind, smsc_id, message_id, part, state, error) VALUES (?, ?, ?, ?, ?, NULL)")) {
        for (int i = 0; i < ids.size(); i++) {
          ps.setString(1, result.bind());
          ps.setString(2, ids.get(i));
          ps.setString(3, result.messageId());
          ps.setInt(4, i + 1);
          ps.setString(5, MessageState.SUBMITTED.label());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      for (String id : ids) {
        applyPendingReceipt(c, result.bind(), id);
      }
      return null;
    });
  }

  private void applyPendingReceipt(Connection c, String bind, String smscId) throws SQLException {
    for (String candidate : SmscMessageIds.candidates(smscId)) {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT status, error FROM pending_receipts WHERE bind = ? AND smsc_id = ?")) {
        ps.setString(1, bind);
        ps.setString(2, candidate);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            continue;
          }
          ReceiptStatus status = ReceiptStatus.valueOf(rs.getString("status"));
          String error = rs.getString("error");
          applyToPart(c, bind, smscId, status, error);
        }
      }
      try (PreparedStatement del = c.prepareStatement("DELETE FROM pending_receipts WHERE bind = ? AND smsc_id = ?")) {
        del.setString(1, bind);
        del.setString(2, candidate);
        del.executeUpdate();
      }
      return;
    }
  }

  @Override
  public Future<Void> failed(String id, MessageState state, String detail) {
    return db.write(c -> {
      setState(c, id, state, detail);
      return null;
    });
  }

  @Override
  public Future<Void> retry(String id, String detail) {
    return db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE messages SET attempts = attempts + 1, error = ?, updated_at = ? WHERE id = ? AND state = ?")) {
        ps.setString(1, detail);
        ps.setLong(2, System.currentTimeMillis());
        ps.setString(3, id);
        ps.setString(4, MessageState.QUEUED.label());
        ps.executeUpdate();
      }
      event(c, id, Instant.now(), MessageState.QUEUED, "retry: " + detail);
      return null;
    });
  }

  @Override
  public Future<ReceiptMatch> receipt(String bind, DeliveryReceipt receipt) {
    return db.write(c -> {
      for (String candidate : SmscMessageIds.candidates(receipt.messageId())) {
        ReceiptMatch match = applyToPart(c, bind, candidate, receipt.status(), receipt.error());
        if (match.matched()) {
          return match;
        }
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO pending_receipts"
          + " (bind, smsc_id, status, error, received_at) VALUES (?, ?, ?, ?, ?)")) {
        ps.setString(1, bind);
        ps.setString(2, receipt.canonicalId());
        ps.setString(3, receipt.status().name());
        Rows.setText(ps, 4, receipt.error());
        ps.setLong(5, System.currentTimeMillis());
        ps.executeUpdate();
      }
      return ReceiptMatch.pending();
    });
  }

  /** Sets a part's state, then the message's: final once every part is, the worst part deciding. */
  private ReceiptMatch applyToPart(Connection c, String bind, String smscId, ReceiptStatus status, String error)
      throws SQLException {
    String messageId;
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT message_id FROM message_parts WHERE bind = ? AND smsc_id = ?")) {
      ps.setString(1, bind);
      ps.setString(2, smscId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return ReceiptMatch.pending();
        }
        messageId = rs.getString(1);
      }
    }
    MessageState partState = MessageState.of(status.outcome());
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE message_parts SET state = ?, error = ? WHERE bind = ? AND smsc_id = ?")) {
      ps.setString(1, partState.label());
      Rows.setText(ps, 2, error);
      ps.setString(3, bind);
      ps.setString(4, smscId);
      ps.executeUpdate();
    }
    MessageState aggregate = aggregate(c, messageId);
    if (aggregate.isFinal()) {
      setState(c, messageId, aggregate, "receipt " + status.stat() + (error == null ? "" : " err " + error));
    }
    return new ReceiptMatch(messageId, aggregate);
  }

  private static MessageState aggregate(Connection c, String messageId) throws SQLException {
    List<MessageState> states = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT state FROM message_parts WHERE message_id = ?")) {
      ps.setString(1, messageId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          states.add(MessageState.of(rs.getString(1)));
        }
      }
    }
    if (states.stream().anyMatch(s -> !s.isFinal())) {
      return MessageState.SUBMITTED;
    }
    for (MessageState worst : List.of(MessageState.REJECTED, MessageState.FAILED, MessageState.EXPIRED)) {
      if (states.contains(worst)) {
        return worst;
      }
    }
    return MessageState.DELIVERED;
  }

  private static void setState(Connection c, String id, MessageState state, String detail) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE messages SET state = ?, error = ?, updated_at = ?"
        + " WHERE id = ? AND state IN (?, ?)")) {
      ps.setString(1, state.label());
      Rows.setText(ps, 2, state == MessageState.DELIVERED ? null : detail);
      ps.setLong(3, System.currentTimeMillis());
      ps.setString(4, id);
      ps.setString(5, MessageState.QUEUED.label());
      ps.setString(6, MessageState.SUBMITTED.label());
      if (ps.executeUpdate() == 0) {
        return;
      }
    }
    event(c, id, Instant.now(), state, detail);
  }

  @Override
  public Future<List<OutboundMessage>> queued(int limit) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM messages WHERE state = ?"
          + " ORDER BY CASE priority WHEN 'ALERT' THEN 0 WHEN 'REPLY' THEN 1 WHEN 'NORMAL' THEN 2 ELSE 3 END,"
          + " created_at LIMIT ?")) {
        ps.setString(1, MessageState.QUEUED.label());
        ps.setInt(2, limit);
        List<OutboundMessage> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(message(rs));
          }
        }
        return out;
      }
    });
  }

  private static void event(Connection c, String id, Instant at, MessageState state, String detail) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO message_events (message_id, at, state, detail) VALUES (?, ?, ?, ?)")) {
      ps.setString(1, id);
      ps.setLong(2, at.toEpochMilli());
      ps.setString(3, state.label());
      Rows.setText(ps, 4, detail);
      ps.executeUpdate();
    }
  }

  private static OutboundMessage message(ResultSet rs) throws SQLException {
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
}
