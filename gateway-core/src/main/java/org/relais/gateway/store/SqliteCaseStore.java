package org.relais.gateway.store;

import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.relais.gateway.cases.CaseRecord;
import org.relais.gateway.cases.CaseStore;
import org.relais.gateway.cases.Channel;
import org.relais.gateway.cases.HandoffState;
import org.relais.gateway.cases.NewCase;
import org.relais.gateway.cases.TrackingNumbers;

/** Cases and the hand-off outbox in SQLite. */
final class SqliteCaseStore implements CaseStore {

  private static final String COLUMNS = "id, tracking_number, channel, msisdn, language, category, description,"
      + " recording, source_ref, received_at, handoff_state, core_id, core_tracking, expected_response,"
      + " ack_message_id, status, created_at, updated_at";

  private final Database db;

  SqliteCaseStore(Database db) {
    this.db = db;
  }

  @Override
  public Future<CaseRecord> create(NewCase r, int trackingDigits) {
    return db.write(c -> {
      if (r.sourceRef() != null) {
        Optional<CaseRecord> existing = one(c, "source_ref = ?", r.sourceRef());
        if (existing.isPresent()) {
          return existing.get();
        }
      }
      String id = Ids.next("case");
      String tracking = freshTrackingNumber(c, trackingDigits);
      long now = System.currentTimeMillis();
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO cases (" + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL, NULL, ?, ?)")) {
        ps.setString(1, id);
        ps.setString(2, tracking);
        ps.setString(3, r.channel().label());
        Rows.setText(ps, 4, r.msisdn());
        ps.setString(5, r.language());
        Rows.setText(ps, 6, r.category());
        ps.setString(7, r.description());
        Rows.setText(ps, 8, r.recording());
        Rows.setText(ps, 9, r.sourceRef());
        ps.setLong(10, r.receivedAt().toEpochMilli());
        ps.setString(11, HandoffState.PENDING.label());
        ps.setLong(12, now);
        ps.setLong(13, now);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO outbox (case_id, attempts, next_attempt_at, state) VALUES (?, 0, ?, ?)")) {
        ps.setString(1, id);
        ps.setLong(2, now);
        ps.setString(3, HandoffState.PENDING.label());
        ps.executeUpdate();
      }
      return one(c, "id = ?", id).orElseThrow();
    });
  }

  private static String freshTrackingNumber(Connection c, int digits) throws SQLException {
    for (int attempt = 0; attempt < 100; attempt++) {
      String candidate = TrackingNumbers.next(digits);
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM cases WHERE tracking_number = ?")) {
        ps.setString(1, candidate);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return candidate;
          }
        }
      }
    }
    throw new SQLException("no free tracking number of " + digits + " digits after 100 draws; raise cases.tracking_digits");
  }

  @Override
  public Future<Optional<CaseRecord>> find(String id) {
    return db.read(c -> one(c, "id = ?", id));
  }

  @Override
  public Future<Optional<CaseRecord>> findByTracking(String trackingNumber) {
    return db.read(c -> {
      Optional<CaseRecord> ours = one(c, "tracking_number = ?", trackingNumber);
      return ours.isPresent() ? ours : one(c, "core_tracking = ?", trackingNumber);
    });
  }

  @Override
  public Future<List<OutboxEntry>> due(Instant now, int limit) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT case_id, attempts, next_attempt_at, last_error FROM outbox"
          + " WHERE state = ? AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?")) {
        ps.setString(1, HandoffState.PENDING.label());
        ps.setLong(2, now.toEpochMilli());
        ps.setInt(3, limit);
        List<OutboxEntry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new OutboxEntry(rs.getString(1), rs.getInt(2), Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4)));
          }
        }
        return out;
      }
    });
  }

  @Override
  public Future<CaseRecord> delivered(String caseId, String coreId, String coreTracking, Instant expectedResponse) {
    return db.write(c -> {
      long now = System.currentTimeMillis();
      try (PreparedStatement ps = c.prepareStatement("UPDATE cases SET handoff_state = ?, core_id = ?,"
          + " core_tracking = COALESCE(?, core_tracking), expected_response = COALESCE(?, expected_response),"
          + " updated_at = ? WHERE id = ?")) {
        ps.setString(1, HandoffState.DELIVERED.label());
        Rows.setText(ps, 2, coreId);
        Rows.setText(ps, 3, coreTracking);
        Rows.setTime(ps, 4, expectedResponse);
        ps.setLong(5, now);
        ps.setString(6, caseId);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE outbox SET state = ?, attempts = attempts + 1, last_error = NULL WHERE case_id = ?")) {
        ps.setString(1, HandoffState.DELIVERED.label());
        ps.setString(2, caseId);
        ps.executeUpdate();
      }
      return one(c, "id = ?", caseId).orElseThrow();
    });
  }

  @Override
  public Future<Void> attemptFailed(String caseId, int attempts, Instant nextAt, String error, boolean dead) {
    return db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ?, state = ? WHERE case_id = ?")) {
        ps.setInt(1, attempts);
        ps.setLong(2, nextAt.toEpochMilli());
        Rows.setText(ps, 3, error);
        ps.setString(4, dead ? HandoffState.DEAD.label() : HandoffState.PENDING.label());
        ps.setString(5, caseId);
        ps.executeUpdate();
      }
      if (dead) {
        try (PreparedStatement ps = c.prepareStatement(
            "UPDATE cases SET handoff_state = ?, updated_at = ? WHERE id = ?")) {
          ps.setString(1, HandoffState.DEAD.label());
          ps.setLong(2, System.currentTimeMillis());
          ps.setString(3, caseId);
          ps.executeUpdate();
        }
      }
      return null;
    });
  }

  @Override
  public Future<Void> acknowledged(String caseId, String messageId) {
    return db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE cases SET ack_message_id = ?, updated_at = ? WHERE id = ? AND ack_message_id IS NULL")) {
        ps.setString(1, messageId);
        ps.setLong(2, System.currentTimeMillis());
        ps.setString(3, caseId);
        ps.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public Future<List<CaseRecord>> awaitingAck(int limit) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM cases"
          + " WHERE ack_message_id IS NULL AND msisdn IS NOT NULL ORDER BY created_at LIMIT ?")) {
        ps.setInt(1, limit);
        return list(ps);
      }
    });
  }

  @Override
  public Future<Map<HandoffState, Long>> handoffCounts() {
    return db.read(c -> {
      Map<HandoffState, Long> counts = new EnumMap<>(HandoffState.class);
      for (HandoffState s : HandoffState.values()) {
        counts.put(s, 0L);
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT state, COUNT(*) FROM outbox GROUP BY state");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          counts.put(HandoffState.valueOf(rs.getString(1).toUpperCase()), rs.getLong(2));
        }
      }
      return counts;
    });
  }

  private static Optional<CaseRecord> one(Connection c, String where, String value) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM cases WHERE " + where)) {
      ps.setString(1, value);
      List<CaseRecord> found = list(ps);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }
  }

  private static List<CaseRecord> list(PreparedStatement ps) throws SQLException {
    List<CaseRecord> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        NewCase request = new NewCase(Channel.valueOf(rs.getString("channel").toUpperCase()), rs.getString("msisdn"),
            rs.getString("language"), rs.getString("category"), rs.getString("description"),
            rs.getString("recording"), rs.getString("source_ref"), Instant.ofEpochMilli(rs.getLong("received_at")));
        out.add(new CaseRecord(rs.getString("id"), rs.getString("tracking_number"), request,
            HandoffState.valueOf(rs.getString("handoff_state").toUpperCase()), rs.getString("core_id"),
            rs.getString("core_tracking"), Rows.time(rs, "expected_response"), rs.getString("ack_message_id"),
            rs.getString("status"), Rows.time(rs, "created_at"), Rows.time(rs, "updated_at")));
      }
    }
    return out;
  }
}
