package org.relais.gateway.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.relais.gateway.alerts.AlertProgress;
import org.relais.gateway.alerts.AlertRecord;
import org.relais.gateway.alerts.AlertState;
import org.relais.gateway.alerts.AlertStore;
import org.relais.gateway.alerts.Recipient;
import org.relais.gateway.alerts.RecipientState;
import org.relais.gateway.alerts.cap.CapAlert;
import org.relais.gateway.alerts.cap.CapJson;
import org.relais.gateway.sms.MessageState;
import org.relais.gateway.sms.NewMessage;
import org.relais.gateway.subscribers.Channel;
import org.relais.sms.Priority;

/** Alerts and their recipients in SQLite; an SMS recipient's message is inserted in the same transaction as its row. */
final class SqliteAlertStore implements AlertStore {

  private static final String ALERT_COLUMNS = "id, cap, state, requested_by, approved_by, superseded_by, created_at";

  private final Database db;

  SqliteAlertStore(Database db) {
    this.db = db;
  }

  @Override
  public Future<AlertRecord> create(CapAlert cap, String requestedBy, String approvedBy) {
    String id = Ids.next("alr");
    String json = CapJson.write(cap).encode();
    return db.write(c -> {
      long now = System.currentTimeMillis();
      PreparedStatement ps = Sql.prepare(c, "INSERT INTO alerts (id, identifier, sender, sent, status, msg_type, cap,"
          + " state, requested_by, approved_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'targeting', ?, ?,"
          + " ?, ?) ON CONFLICT (sender, identifier, sent) DO NOTHING");
      ps.setString(1, id);
      ps.setString(2, cap.identifier());
      ps.setString(3, cap.sender());
      ps.setString(4, cap.sentText());
      ps.setString(5, cap.status().name());
      ps.setString(6, cap.msgType().name());
      ps.setString(7, json);
      Rows.setText(ps, 8, requestedBy);
      Rows.setText(ps, 9, approvedBy);
      ps.setLong(10, now);
      ps.setLong(11, now);
      if (ps.executeUpdate() == 0) {
        throw new DuplicateAlert("an alert from " + cap.sender() + " with identifier " + cap.identifier()
            + " sent " + cap.sentText() + " was already received");
      }
      return new AlertRecord(id, cap, AlertState.TARGETING, requestedBy, approvedBy, null, Instant.ofEpochMilli(now));
    });
  }

  @Override
  public Future<Optional<AlertRecord>> find(String id) {
    return db.read(c -> {
      PreparedStatement ps = Sql.prepare(c, "SELECT " + ALERT_COLUMNS + " FROM alerts WHERE id = ?");
      ps.setString(1, id);
      return one(ps);
    });
  }

  @Override
  public Future<Optional<AlertRecord>> findByCap(String sender, String identifier, String sent) {
    return db.read(c -> {
      PreparedStatement ps = Sql.prepare(c, "SELECT " + ALERT_COLUMNS + " FROM alerts WHERE sender = ?"
          + " AND identifier = ? AND sent = ?");
      ps.setString(1, sender);
      ps.setString(2, identifier);
      ps.setString(3, sent);
      return one(ps);
    });
  }

  private static Optional<AlertRecord> one(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(alert(rs)) : Optional.empty();
    }
  }

  private static AlertRecord alert(ResultSet rs) throws SQLException {
    return new AlertRecord(rs.getString("id"), CapJson.read(new JsonObject(rs.getString("cap"))),
        AlertState.of(rs.getString("state")), rs.getString("requested_by"), rs.getString("approved_by"),
        rs.getString("superseded_by"), Rows.time(rs, "created_at"));
  }

  @Override
  public Future<Integer> addRecipients(String alertId, List<Recipient> batch, long validityMs) {
    List<Recipient> copy = List.copyOf(batch);
    return db.write(c -> {
      long now = System.currentTimeMillis();
      PreparedStatement row = Sql.prepare(c, "INSERT INTO alert_recipients (alert_id, msisdn, channel, language, state,"
          + " message_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
      int added = 0;
      for (Recipient r : copy) {
        boolean sms = r.channel() == Channel.SMS;
        String messageId = sms ? Ids.next("msg") : null;
        row.setString(1, alertId);
        row.setString(2, r.msisdn());
        row.setString(3, r.channel().label());
        row.setString(4, r.language());
        row.setString(5, (sms ? RecipientState.QUEUED : RecipientState.PENDING).label());
        Rows.setText(row, 6, messageId);
        row.setLong(7, now);
        if (row.executeUpdate() == 0) {
          continue;
        }
        added++;
        if (sms) {
          queueMessage(c, messageId, alertId, r, validityMs, now);
        }
      }
      return added;
    });
  }

  private static void queueMessage(Connection c, String id, String alertId, Recipient r, long validityMs, long now)
      throws SQLException {
    NewMessage m = NewMessage.to(r.msisdn(), r.text()).language(r.language()).priority(Priority.ALERT)
        .parts(Math.max(1, r.parts())).registeredDelivery(true).validity(Duration.ofMillis(validityMs))
        .reference(AlertRecord.reference(alertId)).build();
    MessageRows.insert(c, id, m, now, null, 0, null, null, null);
  }

  @Override
  public Future<Void> setState(String alertId, AlertState state) {
    return db.write(c -> {
      PreparedStatement ps = Sql.prepare(c, "UPDATE alerts SET state = ?, updated_at = ? WHERE id = ?"
          + " AND state NOT IN ('cancelled', 'done')");
      ps.setString(1, state.label());
      ps.setLong(2, System.currentTimeMillis());
      ps.setString(3, alertId);
      ps.executeUpdate();
      return null;
    });
  }

  @Override
  public Future<Void> supersede(String alertId, String by) {
    return db.write(c -> {
      PreparedStatement ps = Sql.prepare(c, "UPDATE alerts SET superseded_by = ?, updated_at = ? WHERE id = ?");
      ps.setString(1, by);
      ps.setLong(2, System.currentTimeMillis());
      ps.setString(3, alertId);
      ps.executeUpdate();
      return null;
    });
  }

  @Override
  public Future<Integer> cancel(String alertId) {
    return db.write(c -> {
      long now = System.currentTimeMillis();
      PreparedStatement messages = Sql.prepare(c, "UPDATE messages SET state = 'cancelled', error = 'alert cancelled',"
          + " claim = NULL, updated_at = ?1 WHERE reference = ?2 AND state = 'queued' RETURNING id");
      messages.setLong(1, now);
      messages.setString(2, AlertRecord.reference(alertId));
      List<String> withdrawn = new ArrayList<>();
      try (ResultSet rs = messages.executeQuery()) {
        while (rs.next()) {
          withdrawn.add(rs.getString(1));
        }
      }
      for (String id : withdrawn) {
        MessageRows.event(c, id, now, MessageState.CANCELLED, "alert cancelled");
      }
      PreparedStatement sms = Sql.prepare(c, "UPDATE alert_recipients SET state = 'cancelled', updated_at = ?1"
          + " WHERE alert_id = ?2 AND channel = 'sms' AND message_id IN (SELECT id FROM messages"
          + " WHERE reference = ?3 AND state = 'cancelled')");
      sms.setLong(1, now);
      sms.setString(2, alertId);
      sms.setString(3, AlertRecord.reference(alertId));
      int stopped = sms.executeUpdate();
      PreparedStatement voice = Sql.prepare(c, "UPDATE alert_recipients SET state = 'cancelled', updated_at = ?"
          + " WHERE alert_id = ? AND channel = 'voice' AND state = 'pending'");
      voice.setLong(1, now);
      voice.setString(2, alertId);
      stopped += voice.executeUpdate();
      PreparedStatement alert = Sql.prepare(c, "UPDATE alerts SET state = 'cancelled', updated_at = ? WHERE id = ?");
      alert.setLong(1, now);
      alert.setString(2, alertId);
      alert.executeUpdate();
      return stopped;
    });
  }

  @Override
  public Future<AlertProgress> progress(String alertId) {
    return db.read(c -> {
      Map<String, Long> targeted = new TreeMap<>();
      Map<String, Long> voice = new TreeMap<>();
      PreparedStatement rows = Sql.prepare(c, "SELECT channel, state, COUNT(*) FROM alert_recipients"
          + " WHERE alert_id = ? GROUP BY channel, state");
      rows.setString(1, alertId);
      try (ResultSet rs = rows.executeQuery()) {
        while (rs.next()) {
          (Channel.SMS.label().equals(rs.getString(1)) ? targeted : voice).put(rs.getString(2), rs.getLong(3));
        }
      }
      Map<String, Long> sms = new TreeMap<>();
      PreparedStatement messages = Sql.prepare(c, "SELECT state, COUNT(*) FROM messages WHERE reference = ?"
          + " GROUP BY state");
      messages.setString(1, AlertRecord.reference(alertId));
      try (ResultSet rs = messages.executeQuery()) {
        while (rs.next()) {
          sms.put(rs.getString(1), rs.getLong(2));
        }
      }
      long answered = voice.getOrDefault(RecipientState.ANSWERED.label(), 0L)
          + voice.getOrDefault(RecipientState.CONFIRMED.label(), 0L);
      return new AlertProgress(targeted, sms, voice, answered, voice.getOrDefault(RecipientState.CONFIRMED.label(), 0L));
    });
  }

  @Override
  public Future<List<AlertRecord>> unfinished() {
    return db.read(c -> {
      PreparedStatement ps = Sql.prepare(c, "SELECT " + ALERT_COLUMNS + " FROM alerts"
          + " WHERE state IN ('targeting', 'sending') ORDER BY created_at");
      List<AlertRecord> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(alert(rs));
        }
      }
      return out;
    });
  }

  @Override
  public Future<Integer> resumeDialling() {
    return db.write(c -> {
      PreparedStatement ps = Sql.prepare(c, "UPDATE alert_recipients SET state = 'pending', updated_at = ?"
          + " WHERE channel = 'voice' AND state = 'dialling'");
      ps.setLong(1, System.currentTimeMillis());
      return ps.executeUpdate();
    });
  }

  @Override
  public Future<List<VoiceCall>> dueCalls(Instant now, int limit) {
    return db.write(c -> {
      PreparedStatement ps = Sql.prepare(c, "UPDATE alert_recipients SET state = 'dialling', attempts = attempts + 1,"
          + " updated_at = ?1 WHERE (alert_id, channel, msisdn) IN (SELECT alert_id, channel, msisdn"
          + " FROM alert_recipients WHERE channel = 'voice' AND state = 'pending' AND next_attempt_at <= ?1"
          + " ORDER BY next_attempt_at LIMIT ?2) RETURNING alert_id, msisdn, language, attempts");
      ps.setLong(1, now.toEpochMilli());
      ps.setInt(2, limit);
      List<VoiceCall> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new VoiceCall(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)));
        }
      }
      return out;
    });
  }

  @Override
  public Future<Void> notPlaced(VoiceCall call) {
    return db.write(c -> {
      PreparedStatement ps = Sql.prepare(c, "UPDATE alert_recipients SET state = CASE WHEN"
          + " (SELECT state FROM alerts WHERE id = ?2) = 'cancelled' THEN 'cancelled' ELSE 'pending' END,"
          + " attempts = MAX(attempts - 1, 0), next_attempt_at = ?1, updated_at = ?1 WHERE alert_id = ?2"
          + " AND channel = 'voice' AND msisdn = ?3 AND state = 'dialling'");
      ps.setLong(1, System.currentTimeMillis());
      ps.setString(2, call.alertId());
      ps.setString(3, call.msisdn());
      ps.executeUpdate();
      return null;
    });
  }

  @Override
  public Future<Void> called(VoiceCall call, RecipientState state, String outcome, Instant retryAt) {
    return db.write(c -> {
      // A retry of a cancelled alert is not placed: the recipient is cancelled instead.
      PreparedStatement ps = Sql.prepare(c, "UPDATE alert_recipients SET state = CASE WHEN ?1 = 'pending' AND"
          + " (SELECT state FROM alerts WHERE id = ?5) = 'cancelled' THEN 'cancelled' ELSE ?1 END, outcome = ?2,"
          + " next_attempt_at = ?3, updated_at = ?4 WHERE alert_id = ?5 AND channel = 'voice' AND msisdn = ?6"
          + " AND state = 'dialling'");
      ps.setString(1, state.label());
      Rows.setText(ps, 2, outcome);
      ps.setLong(3, retryAt == null ? 0 : retryAt.toEpochMilli());
      ps.setLong(4, System.currentTimeMillis());
      ps.setString(5, call.alertId());
      ps.setString(6, call.msisdn());
      ps.executeUpdate();
      return null;
    });
  }

  @Override
  public Future<Boolean> confirmed(String alertId, String msisdn) {
    return db.write(c -> {
      PreparedStatement ps = Sql.prepare(c, "UPDATE alert_recipients SET state = 'confirmed', updated_at = ?"
          + " WHERE alert_id = ? AND channel = 'voice' AND msisdn = ? AND state IN ('dialling', 'answered')");
      ps.setLong(1, System.currentTimeMillis());
      ps.setString(2, alertId);
      ps.setString(3, msisdn);
      return ps.executeUpdate() > 0;
    });
  }

  @Override
  public Future<List<CallStatus>> calls(String alertId, RecipientState state, String after, int limit) {
    return db.read(c -> {
      PreparedStatement ps = Sql.prepare(c, "SELECT msisdn, language, state, attempts, outcome, updated_at"
          + " FROM alert_recipients WHERE alert_id = ?1 AND channel = 'voice' AND msisdn > ?2"
          + " AND (?3 IS NULL OR state = ?3) ORDER BY msisdn LIMIT ?4");
      ps.setString(1, alertId);
      ps.setString(2, after == null ? "" : after);
      Rows.setText(ps, 3, state == null ? null : state.label());
      ps.setInt(4, limit);
      List<CallStatus> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new CallStatus(rs.getString(1), rs.getString(2), RecipientState.of(rs.getString(3)), rs.getInt(4),
              rs.getString(5), Instant.ofEpochMilli(rs.getLong(6))));
        }
      }
      return out;
    });
  }
}
