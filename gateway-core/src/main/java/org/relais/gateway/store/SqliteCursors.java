package org.relais.gateway.store;

import io.vertx.core.Future;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import org.relais.gateway.handoff.Cursors;

/** Cursors in SQLite. */
final class SqliteCursors implements Cursors {

  private final Database db;

  SqliteCursors(Database db) {
    this.db = db;
  }

  @Override
  public Future<Optional<String>> get(String name) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT value FROM cursors WHERE name = ?")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
        }
      }
    });
  }

  @Override
  public Future<Void> put(String name, String value) {
    return db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO cursors (name, value, updated_at) VALUES (?, ?, ?)"
          + " ON CONFLICT(name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at")) {
        ps.setString(1, name);
        ps.setString(2, value);
        ps.setLong(3, System.currentTimeMillis());
        ps.executeUpdate();
      }
      return null;
    });
  }
}
