package org.relais.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Prepared statements kept per connection, so SQLite compiles a hot statement once rather than at
 * every write. A connection is used by one thread at a time (the writer, or a reader taken from
 * the pool), so its statements are too. Callers set every parameter each time (the previous
 * values are not cleared), and close result sets, never the statements.
 */
final class Sql {

  private static final Map<Connection, Map<String, PreparedStatement>> CACHE =
      Collections.synchronizedMap(new WeakHashMap<>());

  private Sql() {}

  static PreparedStatement prepare(Connection c, String sql) throws SQLException {
    Map<String, PreparedStatement> statements = CACHE.computeIfAbsent(c, k -> new HashMap<>());
    PreparedStatement ps = statements.get(sql);
    if (ps == null || ps.isClosed()) {
      ps = c.prepareStatement(sql);
      statements.put(sql, ps);
    }
    return ps;
  }

  /**
   * Closes and forgets the statements of {@code c}. A statement whose execution failed may be left
   * in a state where it only answers "statement is not executing"; after a failed write the writer
   * starts again with fresh ones.
   */
  static void forget(Connection c) {
    Map<String, PreparedStatement> statements = CACHE.remove(c);
    if (statements == null) {
      return;
    }
    for (PreparedStatement ps : statements.values()) {
      try {
        ps.close();
      } catch (SQLException ignored) {
        // closing a broken statement: nothing more to do with it
      }
    }
  }
}
