package org.relais.gateway.store;

import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.relais.gateway.subscribers.Consent;
import org.relais.gateway.subscribers.Subscriber;
import org.relais.gateway.subscribers.SubscriberStore;

/** Subscribers in SQLite; profiles, places and the alert queries are in {@link SubscriberProfiles}. */
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

  @Override
  public Future<Boolean> optOut(String msisdn) {
    return db.write(c -> setOptOut(c, msisdn, true));
  }

  @Override
  public Future<Boolean> optIn(String msisdn) {
    return db.write(c -> setOptOut(c, msisdn, false));
  }

  private static boolean setOptOut(Connection c, String msisdn, boolean out) throws SQLException {
    boolean was;
    try (PreparedStatement ps = c.prepareStatement("SELECT opted_out FROM subscribers WHERE msisdn = ?")) {
      ps.setString(1, msisdn);
      try (ResultSet rs = ps.executeQuery()) {
        was = rs.next() && rs.getInt(1) == 1;
      }
    }
    long now = System.currentTimeMillis();
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO subscribers (msisdn, opted_out, opted_out_at,"
        + " updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(msisdn) DO UPDATE SET opted_out = excluded.opted_out,"
        + " opted_out_at = excluded.opted_out_at, updated_at = excluded.updated_at")) {
      ps.setString(1, msisdn);
      ps.setInt(2, out ? 1 : 0);
      if (out) {
        ps.setLong(3, now);
      } else {
        ps.setNull(3, java.sql.Types.BIGINT);
      }
      ps.setLong(4, now);
      ps.executeUpdate();
    }
    return out != was;
  }

  @Override
  public Future<java.util.Map<Consent, Set<String>>> refusals() {
    return db.read(c -> {
      java.util.Map<Consent, Set<String>> out = new java.util.EnumMap<>(Consent.class);
      for (Consent category : Consent.values()) {
        out.put(category, new HashSet<>());
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT msisdn, consent_alerts, consent_bills, consent_case_status"
          + " FROM subscribers WHERE consent_alerts = 0 OR consent_bills = 0 OR consent_case_status = 0");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String msisdn = rs.getString(1);
          refused(rs, 2, msisdn, out.get(Consent.ALERTS));
          refused(rs, 3, msisdn, out.get(Consent.BILLS));
          refused(rs, 4, msisdn, out.get(Consent.CASE_STATUS));
        }
      }
      return out;
    });
  }

  private static void refused(ResultSet rs, int column, String msisdn, Set<String> into) throws SQLException {
    int given = rs.getInt(column);
    if (!rs.wasNull() && given == 0) {
      into.add(msisdn);
    }
  }

  @Override
  public Future<Set<String>> optedOut() {
    return db.read(c -> {
      Set<String> out = new HashSet<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT msisdn FROM subscribers WHERE opted_out = 1");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    });
  }

  @Override
  public Future<Boolean> subscribe(String msisdn, String zone) {
    return db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT OR IGNORE INTO subscriber_zones (msisdn, zone, created_at) VALUES (?, ?, ?)")) {
        ps.setString(1, msisdn);
        ps.setString(2, zone);
        ps.setLong(3, System.currentTimeMillis());
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public Future<List<String>> zones(String msisdn) {
    return db.read(c -> {
      List<String> zones = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT zone FROM subscriber_zones WHERE msisdn = ? ORDER BY created_at, zone")) {
        ps.setString(1, msisdn);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            zones.add(rs.getString(1));
          }
        }
      }
      return zones;
    });
  }

  @Override
  public Future<Optional<Subscriber>> find(String msisdn) {
    return db.read(c -> SubscriberProfiles.find(c, msisdn));
  }

  @Override
  public Future<Integer> saveAll(Collection<Subscriber> subscribers) {
    List<Subscriber> copy = List.copyOf(subscribers);
    return db.write(c -> {
      for (Subscriber s : copy) {
        SubscriberProfiles.save(c, s);
      }
      return copy.size();
    });
  }

  @Override
  public Future<Void> consent(String msisdn, Consent category, boolean given) {
    return db.write(c -> {
      SubscriberProfiles.consent(c, msisdn, category, given);
      return null;
    });
  }

  @Override
  public Future<Boolean> delete(String msisdn) {
    return db.write(c -> SubscriberProfiles.delete(c, msisdn));
  }

  @Override
  public Future<List<Reachable>> reachableIn(double minLat, double maxLat, double minLon, double maxLon,
      boolean testersOnly) {
    return db.read(c -> SubscriberProfiles.reachableIn(c, minLat, maxLat, minLon, maxLon, testersOnly));
  }

  @Override
  public Future<List<Reachable>> reachableInZones(Collection<String> zones, boolean testersOnly) {
    List<String> copy = List.copyOf(zones);
    return db.read(c -> SubscriberProfiles.reachableInZones(c, copy, testersOnly));
  }
}
