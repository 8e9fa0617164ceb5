package org.relais.gateway.store;

import io.vertx.core.Future;
import java.sql.PreparedStatement;
import org.relais.gateway.telephony.CallLog;
import org.relais.ivr.engine.CallOutcome;

/** The IVR call log in SQLite. */
final class SqliteCallLog implements CallLog {

  private final Database db;

  SqliteCallLog(Database db) {
    this.db = db;
  }

  @Override
  public Future<Void> record(CallRecord call) {
    CallOutcome o = call.outcome();
    return db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO calls (call_id, flow, caller, language, ending, route,"
          + " last_node, steps, path, started_at, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, call.callId());
        ps.setString(2, o.flow());
        Rows.setText(ps, 3, call.caller().isEmpty() ? null : call.caller());
        Rows.setText(ps, 4, o.language());
        ps.setString(5, o.ending().name().toLowerCase(java.util.Locale.ROOT));
        Rows.setText(ps, 6, o.route());
        Rows.setText(ps, 7, o.lastNode());
        ps.setInt(8, o.steps());
        ps.setString(9, String.join(" ", o.path()));
        ps.setLong(10, call.startedAt().toEpochMilli());
        ps.setLong(11, call.endedAt().toEpochMilli());
        ps.executeUpdate();
      }
      return null;
    });
  }
}
