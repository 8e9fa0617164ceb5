package org.relais.gateway.store;

import io.vertx.core.Future;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.relais.gateway.notify.ConsumptionReading;
import org.relais.gateway.notify.ConsumptionStore;
import org.relais.gateway.sms.NewMessage;

/** Consumption alerts in SQLite: the (account, period) key makes the second alert of a period a no-op. */
final class SqliteConsumptionStore implements ConsumptionStore {

  private final Database db;

  SqliteConsumptionStore(Database db) {
    this.db = db;
  }

  @Override
  public Future<Recorded> record(ConsumptionReading r, NewMessage message, String category, boolean held) {
    String id = Ids.next("msg");
    return db.write(c -> {
      long now = System.currentTimeMillis();
      PreparedStatement insert = Sql.prepare(c, "INSERT INTO consumption_alerts (account, period, msisdn,"
          + " current_value, last_year, message_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (account, period) DO NOTHING");
      insert.setString(1, r.account());
      insert.setString(2, r.period());
      insert.setString(3, r.msisdn());
      insert.setDouble(4, r.current());
      insert.setDouble(5, r.lastYear());
      insert.setString(6, id);
      insert.setLong(7, now);
      if (insert.executeUpdate() == 0) {
        PreparedStatement earlier = Sql.prepare(c,
            "SELECT message_id FROM consumption_alerts WHERE account = ? AND period = ?");
        earlier.setString(1, r.account());
        earlier.setString(2, r.period());
        try (ResultSet rs = earlier.executeQuery()) {
          rs.next();
          return new Recorded(rs.getString(1), false);
        }
      }
      NotificationRows.insertMessage(c, id, message, null, category, held, now);
      return new Recorded(id, true);
    });
  }
}
