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
import org.relais.gateway.cases.StatusEntry;
import org.relais.gateway.cases.TrackingNumbers;

/** Cases, the hand-off outbox and the status history in SQLite. */
final class SqliteCaseStore implements CaseStore {

  private static final String COLUMNS = "id, tracking_number, channel, msisdn, language, category, description,"
      + " recording, source_ref, received_at, handoff_state, core_id, core_tracking, core_token, expected_response,"
      + " ack_message_id, status, created_at, updated_at, acknowledged_at, first_status_at, answered_at,"
      + " sla_breached_at";

  private final Database db;

  SqliteCaseStore(Database db) {
    this.db = db;
  }

  @Override
  public Future<CaseRecord> create(NewCase r, int trackingDigits, Instant expectedResponse) {
    return db.write(c -> {
      if (r.sourceRef() != null) {
        Optional<CaseRecord> existing = one(c, "source_ref = ?", r.sourceRef());
        if (existing.isPresent()) {
          return existing.get();
        }
      }
      String id = Ids.next("case");
      long now = System.currentTimeMillis();
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO cases (id, tracking_number, channel, msisdn,"
          + " language, category, description, recording, source_ref, received_at, handoff_state, expected_response,"
          + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, id);
        ps.setString(2, freshTrackingNumber(c, trackingDigits));
        ps.setString(3, r.channel().label());
        Rows.setText(ps, 4, r.msisdn());
        ps.setString(5, r.language());
        Rows.setText(ps, 6, r.category());
        ps.setString(7, r.description());
        Rows.setText(ps, 8, r.recording());
        Rows.setText(ps, 9, r.sourceRef());
        ps.setLong(10, r.receivedAt().toEpochMilli());
        ps.setString(11, HandoffState.PENDING.label());
        Rows.setTime(ps, 12, expectedResponse);
        ps.setLong(13, now);
        ps.setLong(14, now);
        ps.executeUpdate();
      }
      update(c, "INSERT INTO outbox (case_id, attempts, next_attempt_at, state) VALUES (?, 0, ?, ?)", id, now,
          HandoffState.PENDING.label());
      return one(c, "id = ?", id).orElseThrow();
    });
  }

  private static String freshTrackingNumber(Connection c, int digits) throws SQLException {
    for (int attempt = 0; attempt < 100; attempt++) {
      String candidate = TrackingNumbers.next(digits);
      if (one(c, "tracking_number = ?", candidate).isEmpty()) {
        return candidate;
      }
    }
    throw new SQLException("no free tracking number of " + digits + " digits after 100 draws; raise cases.tracking_digits");
  }

  @Override
  public Future<Optional<CaseRecord>> find(String id) {
    return db.read(c -> one(c, "id = ?", id));
  }

  @Override
  public Future<Optional<CaseRecord>> findByReference(String reference) {
    return db.read(c -> {
      for (String where : List.of("tracking_number = ?", "core_tracking = ?", "core_id = ?", "id = ?")) {
        Optional<CaseRecord> found = one(c, where, reference);
        if (found.isPresent()) {
          return found;
        }
      }
      return Optional.<CaseRecord>empty();
    });
  }

  @Override
  public Future<List<OutboxEntry>> due(Instant now, int limit) {
    return db.read(c -> outboxEntries(c, "state = ? AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?",
        HandoffState.PENDING.label(), now.toEpochMilli(), limit));
  }

  @Override
  public Future<Optional<OutboxEntry>> outbox(String caseId) {
    return db.read(c -> outboxEntries(c, "case_id = ?", caseId).stream().findFirst());
  }

  private static List<OutboxEntry> outboxEntries(Connection c, String where, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT case_id, attempts, next_attempt_at, last_error, state FROM outbox WHERE " + where)) {
      bind(ps, args);
      List<OutboxEntry> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new OutboxEntry(rs.getString(1), rs.getInt(2), Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4),
              HandoffState.valueOf(rs.getString(5).toUpperCase())));
        }
      }
      return out;
    }
  }

  @Override
  public Future<CaseRecord> delivered(String caseId, CoreIds ids, Instant expectedResponse) {
    return db.write(c -> {
      update(c, "UPDATE cases SET handoff_state = ?, core_id = COALESCE(?, core_id), core_token = COALESCE(?, core_token),"
          + " core_tracking = COALESCE(?, core_tracking), expected_response = COALESCE(?, expected_response),"
          + " updated_at = ? WHERE id = ?", HandoffState.DELIVERED.label(), ids.coreId(), ids.token(),
          ids.trackingNumber(), expectedResponse == null ? null : expectedResponse.toEpochMilli(),
          System.currentTimeMillis(), caseId);
      update(c, "UPDATE outbox SET state = ?, attempts = attempts + 1, last_error = NULL WHERE case_id = ?",
          HandoffState.DELIVERED.label(), caseId);
      return one(c, "id = ?", caseId).orElseThrow();
    });
  }

  @Override
  public Future<Void> resolvedToken(String caseId, String coreId) {
    return db.write(c -> {
      update(c, "UPDATE cases SET core_id = ?, updated_at = ? WHERE id = ?", coreId, System.currentTimeMillis(), caseId);
      return null;
    });
  }

  @Override
  public Future<List<CaseRecord>> awaitingCoreId(int limit) {
    return db.read(c -> list(c, "core_id IS NULL AND core_token IS NOT NULL AND handoff_state = ? ORDER BY created_at"
        + " LIMIT ?", HandoffState.DELIVERED.label(), limit));
  }

  @Override
  public Future<Void> attemptFailed(String caseId, int attempts, Instant nextAt, String error, boolean dead) {
    return db.write(c -> {
      update(c, "UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ?, state = ? WHERE case_id = ?",
          attempts, nextAt.toEpochMilli(), error, dead ? HandoffState.DEAD.label() : HandoffState.PENDING.label(), caseId);
      if (dead) {
        update(c, "UPDATE cases SET handoff_state = ?, updated_at = ? WHERE id = ?", HandoffState.DEAD.label(),
            System.currentTimeMillis(), caseId);
      }
      return null;
    });
  }

  @Override
  public Future<Boolean> retryHandoff(String caseId) {
    return db.write(c -> {
      long now = System.currentTimeMillis();
      int changed = update(c, "UPDATE outbox SET state = ?, attempts = 0, next_attempt_at = ? WHERE case_id = ?"
          + " AND state = ?", HandoffState.PENDING.label(), now, caseId, HandoffState.DEAD.label());
      if (changed == 1) {
        update(c, "UPDATE cases SET handoff_state = ?, updated_at = ? WHERE id = ?", HandoffState.PENDING.label(), now,
            caseId);
      }
      return changed == 1;
    });
  }

  @Override
  public Future<List<CaseRecord>> dead(int limit) {
    return db.read(c -> list(c, "handoff_state = ? ORDER BY created_at LIMIT ?", HandoffState.DEAD.label(), limit));
  }

  @Override
  public Future<Void> acknowledged(String caseId, String messageId) {
    return db.write(c -> {
      long now = System.currentTimeMillis();
      update(c, "UPDATE cases SET ack_message_id = ?, acknowledged_at = ?, updated_at = ? WHERE id = ?"
          + " AND ack_message_id IS NULL", messageId, now, now, caseId);
      return null;
    });
  }

  @Override
  public Future<List<CaseRecord>> awaitingAck(int limit) {
    return db.read(c -> list(c, "ack_message_id IS NULL AND msisdn IS NOT NULL ORDER BY created_at LIMIT ?", limit));
  }

  @Override
  public Future<Optional<StatusEntry>> statusChanged(String caseId, StatusReport report, boolean answers) {
    return db.write(c -> {
      Optional<CaseRecord> found = one(c, "id = ?", caseId);
      if (found.isEmpty() || report.status().equals(found.get().status())) {
        return Optional.<StatusEntry>empty();
      }
      long at = report.at().toEpochMilli();
      update(c, "INSERT INTO case_status (case_id, status, note, at, source) VALUES (?, ?, ?, ?, ?)", caseId,
          report.status(), report.note(), at, report.source());
      update(c, "UPDATE cases SET status = ?, first_status_at = COALESCE(first_status_at, ?),"
          + " answered_at = CASE WHEN ? AND answered_at IS NULL THEN ? ELSE answered_at END, updated_at = ?"
          + " WHERE id = ?", report.status(), at, answers ? 1 : 0, at, System.currentTimeMillis(), caseId);
      return Optional.of(new StatusEntry(report.status(), report.note(), report.at(), report.source(), null));
    });
  }

  @Override
  public Future<Void> notified(String caseId, StatusEntry entry, String messageId) {
    return db.write(c -> {
      update(c, "UPDATE case_status SET notified_message_id = ? WHERE rowid = (SELECT MAX(rowid) FROM case_status"
          + " WHERE case_id = ? AND status = ? AND at = ?)", messageId, caseId, entry.status(), entry.at().toEpochMilli());
      return null;
    });
  }

  @Override
  public Future<List<StatusEntry>> history(String caseId) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT status, note, at, source, notified_message_id"
          + " FROM case_status WHERE case_id = ? ORDER BY rowid")) {
        ps.setString(1, caseId);
        List<StatusEntry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new StatusEntry(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
                rs.getString(4), rs.getString(5)));
          }
        }
        return out;
      }
    });
  }

  @Override
  public Future<List<CaseRecord>> overdue(Instant now, int limit) {
    return db.read(c -> list(c, "answered_at IS NULL AND sla_breached_at IS NULL AND expected_response IS NOT NULL"
        + " AND expected_response <= ? ORDER BY expected_response LIMIT ?", now.toEpochMilli(), limit));
  }

  @Override
  public Future<Void> slaBreached(String caseId, Instant at) {
    return db.write(c -> {
      update(c, "UPDATE cases SET sla_breached_at = ? WHERE id = ? AND sla_breached_at IS NULL", at.toEpochMilli(),
          caseId);
      return null;
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

  private static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      return ps.executeUpdate();
    }
  }

  private static void bind(PreparedStatement ps, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      ps.setObject(i + 1, args[i]);
    }
  }

  private static Optional<CaseRecord> one(Connection c, String where, Object... args) throws SQLException {
    List<CaseRecord> found = list(c, where, args);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
  }

  private static List<CaseRecord> list(Connection c, String where, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM cases WHERE " + where)) {
      bind(ps, args);
      List<CaseRecord> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(record(rs));
        }
      }
      return out;
    }
  }

  private static CaseRecord record(ResultSet rs) throws SQLException {
    NewCase request = new NewCase(Channel.valueOf(rs.getString("channel").toUpperCase()), rs.getString("msisdn"),
        rs.getString("language"), rs.getString("category"), rs.getString("description"), rs.getString("recording"),
        rs.getString("source_ref"), Instant.ofEpochMilli(rs.getLong("received_at")));
    CaseRecord.Dates dates = new CaseRecord.Dates(Rows.time(rs, "created_at"), Rows.time(rs, "updated_at"),
        Rows.time(rs, "acknowledged_at"), Rows.time(rs, "first_status_at"), Rows.time(rs, "answered_at"),
        Rows.time(rs, "sla_breached_at"));
    return new CaseRecord(rs.getString("id"), rs.getString("tracking_number"), request,
        HandoffState.valueOf(rs.getString("handoff_state").toUpperCase()), rs.getString("core_id"),
        rs.getString("core_tracking"), rs.getString("core_token"), Rows.time(rs, "expected_response"),
        rs.getString("ack_message_id"), rs.getString("status"), dates);
  }
}
