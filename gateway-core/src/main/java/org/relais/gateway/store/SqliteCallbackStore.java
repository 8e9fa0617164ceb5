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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.relais.gateway.telephony.callback.Callback;
import org.relais.gateway.telephony.callback.CallbackState;
import org.relais.gateway.telephony.callback.CallbackStore;
import org.relais.gateway.telephony.callback.NewCallback;

/** Callback requests and their attempts in SQLite. */
final class SqliteCallbackStore implements CallbackStore {

  private static final String COLUMNS = "id, msisdn, language, queue, topic, hours, flow, state, attempts,"
      + " next_attempt_at, last_outcome, created_at";

  private final Database db;

  SqliteCallbackStore(Database db) {
    this.db = db;
  }

  @Override
  public Future<Callback> register(NewCallback r) {
    return db.write(c -> {
      if (r.sourceRef() != null) {
        Optional<Callback> existing = one(c, "source_ref = ?", r.sourceRef());
        if (existing.isPresent()) {
          return existing.get();
        }
      }
      String id = Ids.next("cb");
      long now = System.currentTimeMillis();
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO callbacks (id, msisdn, language, queue, topic, hours,"
          + " flow, source_ref, state, attempts, next_attempt_at, created_at, updated_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)")) {
        ps.setString(1, id);
        ps.setString(2, r.msisdn());
        ps.setString(3, r.language());
        ps.setString(4, r.queue());
        Rows.setText(ps, 5, r.topic());
        Rows.setText(ps, 6, r.hours());
        Rows.setText(ps, 7, r.flow());
        Rows.setText(ps, 8, r.sourceRef());
        ps.setString(9, CallbackState.PENDING.label());
        ps.setLong(10, now);
        ps.setLong(11, now);
        ps.setLong(12, now);
        ps.executeUpdate();
      }
      return one(c, "id = ?", id).orElseThrow();
    });
  }

  @Override
  public Future<Optional<Callback>> find(String id) {
    return db.read(c -> one(c, "id = ?", id));
  }

  @Override
  public Future<List<Callback>> due(Instant now, int limit) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM callbacks"
          + " WHERE state = ? AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?")) {
        ps.setString(1, CallbackState.PENDING.label());
        ps.setLong(2, now.toEpochMilli());
        ps.setInt(3, limit);
        return list(ps);
      }
    });
  }

  @Override
  public Future<Boolean> claim(String id) {
    return db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE callbacks SET state = ?, updated_at = ? WHERE id = ? AND state = ?")) {
        ps.setString(1, CallbackState.DIALLING.label());
        ps.setLong(2, System.currentTimeMillis());
        ps.setString(3, id);
        ps.setString(4, CallbackState.PENDING.label());
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public Future<Void> postpone(String id, Instant at) {
    return db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE callbacks SET next_attempt_at = ?, updated_at = ? WHERE id = ? AND state = ?")) {
        ps.setLong(1, at.toEpochMilli());
        ps.setLong(2, System.currentTimeMillis());
        ps.setString(3, id);
        ps.setString(4, CallbackState.PENDING.label());
        ps.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public Future<Callback> attempted(String id, Attempt attempt, CallbackState state, Instant nextAt) {
    return db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO callback_attempts"
          + " (callback_id, attempt, at, outcome, detail, channel_id) VALUES (?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, id);
        ps.setInt(2, attempt.number());
        ps.setLong(3, attempt.at().toEpochMilli());
        ps.setString(4, attempt.outcome());
        Rows.setText(ps, 5, attempt.detail());
        Rows.setText(ps, 6, attempt.channelId());
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE callbacks SET state = ?, attempts = ?,"
          + " next_attempt_at = COALESCE(?, next_attempt_at), last_outcome = ?, last_detail = ?, updated_at = ?"
          + " WHERE id = ?")) {
        ps.setString(1, state.label());
        ps.setInt(2, attempt.number());
        Rows.setTime(ps, 3, nextAt);
        ps.setString(4, attempt.outcome());
        Rows.setText(ps, 5, attempt.detail());
        ps.setLong(6, System.currentTimeMillis());
        ps.setString(7, id);
        ps.executeUpdate();
      }
      return one(c, "id = ?", id).orElseThrow();
    });
  }

  @Override
  public Future<Integer> resumeDialling() {
    return db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE callbacks SET state = ?, updated_at = ? WHERE state = ?")) {
        ps.setString(1, CallbackState.PENDING.label());
        ps.setLong(2, System.currentTimeMillis());
        ps.setString(3, CallbackState.DIALLING.label());
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public Future<Map<CallbackState, Long>> counts() {
    return db.read(c -> {
      Map<CallbackState, Long> counts = new EnumMap<>(CallbackState.class);
      for (CallbackState s : CallbackState.values()) {
        counts.put(s, 0L);
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT state, COUNT(*) FROM callbacks GROUP BY state");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          counts.put(CallbackState.valueOf(rs.getString(1).toUpperCase(Locale.ROOT)), rs.getLong(2));
        }
      }
      return counts;
    });
  }

  private static Optional<Callback> one(Connection c, String where, String value) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM callbacks WHERE " + where)) {
      ps.setString(1, value);
      List<Callback> found = list(ps);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }
  }

  private static List<Callback> list(PreparedStatement ps) throws SQLException {
    List<Callback> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new Callback(rs.getString("id"), rs.getString("msisdn"), rs.getString("language"),
            rs.getString("queue"), rs.getString("topic"), rs.getString("hours"), rs.getString("flow"),
            CallbackState.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)), rs.getInt("attempts"),
            Rows.time(rs, "next_attempt_at"), rs.getString("last_outcome"), Rows.time(rs, "created_at")));
      }
    }
    return out;
  }
}
