package org.relais.gateway.store;

import io.vertx.core.Future;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import org.relais.gateway.subscribers.SubscriberStore;

/** Subscribers in SQLite. */
final class SqliteSubscriberStore implements SubscriberStore {

  private final Database db;

  SqliteSubscriberStore(Database db) {
    this.db = db;
  }

  @Override
  public Future<Optional<String>> language(String msisdn) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT language FROM subscribers WHERE msisdn = ?")) {
        ps.setString(1, msisdn);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public Future<Void> rememberLanguage(String msisdn, String language) {
    return db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO subscribers (msisdn, language, updated_at)"
          + " VALUES (?, ?, ?) ON CONFLICT(msisdn) DO UPDATE SET language = excluded.language,"
          + " updated_at = excluded.updated_at")) {
        ps.setString(1, msisdn);
        ps.setString(2, language);
        ps.setLong(3, System.currentTimeMillis());
        ps.executeUpdate();
      }
      return null;
    });
  }
}
