package org.relais.gateway.store;

import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.relais.gateway.indicators.IndicatorStore;
import org.relais.gateway.indicators.Indicators;

/** The indicators computed in SQLite, on a reader connection. */
final class SqliteIndicatorStore implements IndicatorStore {

  private static final String PERIOD = " FROM cases WHERE received_at >= ? AND received_at < ?";

  private final Database db;

  SqliteIndicatorStore(Database db) {
    this.db = db;
  }

  @Override
  public Future<Indicators> indicators(Instant from, Instant to, Instant now) {
    long f = from.toEpochMilli();
    long t = to.toEpochMilli();
    return db.read(c -> new Indicators(from, to,
        count(c, "SELECT COUNT(*)" + PERIOD, f, t),
        groups(c, "channel", f, t),
        groups(c, "COALESCE(category, 'none')", f, t),
        groups(c, "COALESCE(status, 'received')", f, t),
        median(c, "acknowledged_at - received_at", "acknowledged_at IS NOT NULL", f, t),
        count(c, "SELECT COUNT(*)" + PERIOD + " AND acknowledged_at IS NOT NULL", f, t),
        median(c, "first_status_at - received_at", "first_status_at IS NOT NULL", f, t),
        count(c, "SELECT COUNT(*)" + PERIOD + " AND first_status_at IS NOT NULL", f, t),
        count(c, "SELECT COUNT(*)" + PERIOD + " AND expected_response IS NOT NULL"
            + " AND (answered_at IS NOT NULL OR expected_response <= ?)", f, t, now.toEpochMilli()),
        count(c, "SELECT COUNT(*)" + PERIOD + " AND expected_response IS NOT NULL AND answered_at IS NOT NULL"
            + " AND answered_at <= expected_response", f, t),
        count(c, "SELECT COUNT(*)" + PERIOD + " AND sla_breached_at IS NOT NULL", f, t),
        calls(c, f, t)));
  }

  /**
   * IVR calls that started in the period, by outcome: routed (to a queue or an extension),
   * self_served (the flow served the caller and ended the call), abandoned (the caller hung up),
   * failed. None when the calls table is not there.
   */
  private static Map<String, Long> calls(Connection c, long from, long to) throws SQLException {
    if (!tableExists(c, "calls")) {
      return new LinkedHashMap<>();
    }
    return grouped(c, "SELECT CASE ending WHEN 'completed' THEN 'self_served' ELSE ending END AS outcome, COUNT(*)"
        + " FROM calls WHERE started_at >= ? AND started_at < ? GROUP BY outcome ORDER BY outcome", from, to);
  }

  private static boolean tableExists(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static long count(Connection c, String sql, long... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setLong(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  private static Map<String, Long> groups(Connection c, String column, long from, long to) throws SQLException {
    return grouped(c, "SELECT " + column + " AS k, COUNT(*)" + PERIOD + " GROUP BY k ORDER BY k", from, to);
  }

  /** Runs a {@code SELECT key, COUNT(*) ... WHERE ... >= ? AND ... < ?}; the counts by key, in its order. */
  private static Map<String, Long> grouped(Connection c, String sql, long from, long to) throws SQLException {
    Map<String, Long> out = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, from);
      ps.setLong(2, to);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    return out;
  }

  /** The median of a duration in milliseconds (the lower middle value), or null when there is none. */
  private static Duration median(Connection c, String expression, String condition, long from, long to)
      throws SQLException {
    long n = count(c, "SELECT COUNT(*)" + PERIOD + " AND " + condition, from, to);
    if (n == 0) {
      return null;
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT " + expression + " AS d" + PERIOD + " AND " + condition
        + " ORDER BY d LIMIT 1 OFFSET ?")) {
      ps.setLong(1, from);
      ps.setLong(2, to);
      ps.setLong(3, (n - 1) / 2);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Duration.ofMillis(Math.max(0, rs.getLong(1))) : null;
      }
    }
  }
}
