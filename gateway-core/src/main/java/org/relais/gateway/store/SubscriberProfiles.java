package org.relais.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.relais.gateway.subscribers.Channel;
import org.relais.gateway.subscribers.Consent;
import org.relais.gateway.subscribers.Subscriber;
import org.relais.gateway.subscribers.SubscriberStore.Reachable;

/**
 * Subscriber profiles on a connection: the row, its zones, its place (a row of subscriber_places
 * and its point in the R*Tree), and the queries that find who an alert may reach.
 */
final class SubscriberProfiles {

  private static final String REACHABLE = "s.opted_out = 0 AND s.consent_alerts = 1"
      + " AND (s.channel_sms = 1 OR s.channel_voice = 1)";

  private SubscriberProfiles() {}

  static Optional<Subscriber> find(Connection c, String msisdn) throws SQLException {
    PreparedStatement ps = Sql.prepare(c, "SELECT s.language, s.channel_sms, s.channel_voice, s.consent_alerts,"
        + " s.consent_bills, s.consent_case_status, s.tester, s.opted_out, s.updated_at, p.lat, p.lon"
        + " FROM subscribers s LEFT JOIN subscriber_places p ON p.msisdn = s.msisdn WHERE s.msisdn = ?");
    ps.setString(1, msisdn);
    try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return Optional.empty();
      }
      Set<Channel> channels = EnumSet.noneOf(Channel.class);
      if (rs.getInt("channel_sms") == 1) {
        channels.add(Channel.SMS);
      }
      if (rs.getInt("channel_voice") == 1) {
        channels.add(Channel.VOICE);
      }
      Map<Consent, Boolean> consents = new EnumMap<>(Consent.class);
      for (Consent k : Consent.values()) {
        int v = rs.getInt("consent_" + k.label());
        if (!rs.wasNull()) {
          consents.put(k, v == 1);
        }
      }
      double lat = rs.getDouble("lat");
      Subscriber.Place place = rs.wasNull() ? null : new Subscriber.Place(lat, rs.getDouble("lon"));
      return Optional.of(new Subscriber(msisdn, rs.getString("language"), zones(c, msisdn), place, channels, consents,
          rs.getInt("tester") == 1, rs.getInt("opted_out") == 1, Rows.time(rs, "updated_at")));
    }
  }

  private static List<String> zones(Connection c, String msisdn) throws SQLException {
    PreparedStatement ps = Sql.prepare(c, "SELECT zone FROM subscriber_zones WHERE msisdn = ? ORDER BY zone");
    ps.setString(1, msisdn);
    List<String> zones = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        zones.add(rs.getString(1));
      }
    }
    return zones;
  }

  static void save(Connection c, Subscriber s) throws SQLException {
    long now = System.currentTimeMillis();
    PreparedStatement ps = Sql.prepare(c, "INSERT INTO subscribers (msisdn, language, channel_sms, channel_voice,"
        + " consent_alerts, consent_bills, consent_case_status, tester, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
        + " ON CONFLICT(msisdn) DO UPDATE SET language = excluded.language, channel_sms = excluded.channel_sms,"
        + " channel_voice = excluded.channel_voice, consent_alerts = excluded.consent_alerts,"
        + " consent_bills = excluded.consent_bills, consent_case_status = excluded.consent_case_status,"
        + " tester = excluded.tester, updated_at = excluded.updated_at");
    ps.setString(1, s.msisdn());
    Rows.setText(ps, 2, s.language());
    ps.setInt(3, s.channels().contains(Channel.SMS) ? 1 : 0);
    ps.setInt(4, s.channels().contains(Channel.VOICE) ? 1 : 0);
    int index = 5;
    for (Consent k : Consent.values()) {
      Boolean given = s.consents().get(k);
      if (given == null) {
        ps.setNull(index++, Types.INTEGER);
      } else {
        ps.setInt(index++, given ? 1 : 0);
      }
    }
    ps.setInt(8, s.tester() ? 1 : 0);
    ps.setLong(9, now);
    ps.executeUpdate();
    PreparedStatement clear = Sql.prepare(c, "DELETE FROM subscriber_zones WHERE msisdn = ?");
    clear.setString(1, s.msisdn());
    clear.executeUpdate();
    PreparedStatement zone = Sql.prepare(c, "INSERT OR IGNORE INTO subscriber_zones (msisdn, zone, created_at)"
        + " VALUES (?, ?, ?)");
    for (String z : s.zones()) {
      zone.setString(1, s.msisdn());
      zone.setString(2, z);
      zone.setLong(3, now);
      zone.executeUpdate();
    }
    forgetPlace(c, s.msisdn());
    if (s.place() != null) {
      PreparedStatement place = Sql.prepare(c, "INSERT INTO subscriber_places (msisdn, lat, lon) VALUES (?, ?, ?)"
          + " RETURNING id");
      place.setString(1, s.msisdn());
      place.setDouble(2, s.place().lat());
      place.setDouble(3, s.place().lon());
      long id;
      try (ResultSet rs = place.executeQuery()) {
        rs.next();
        id = rs.getLong(1);
      }
      PreparedStatement point = Sql.prepare(c, "INSERT INTO subscriber_places_rtree (id, min_lat, max_lat, min_lon,"
          + " max_lon, msisdn, lat, lon) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
      point.setLong(1, id);
      point.setDouble(2, s.place().lat());
      point.setDouble(3, s.place().lat());
      point.setDouble(4, s.place().lon());
      point.setDouble(5, s.place().lon());
      point.setString(6, s.msisdn());
      point.setDouble(7, s.place().lat());
      point.setDouble(8, s.place().lon());
      point.executeUpdate();
    }
  }

  private static void forgetPlace(Connection c, String msisdn) throws SQLException {
    PreparedStatement old = Sql.prepare(c, "DELETE FROM subscriber_places WHERE msisdn = ? RETURNING id");
    old.setString(1, msisdn);
    List<Long> ids = new ArrayList<>();
    try (ResultSet rs = old.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    PreparedStatement point = Sql.prepare(c, "DELETE FROM subscriber_places_rtree WHERE id = ?");
    for (long id : ids) {
      point.setLong(1, id);
      point.executeUpdate();
    }
  }

  static void consent(Connection c, String msisdn, Consent category, boolean given) throws SQLException {
    String column = "consent_" + category.label();
    PreparedStatement ps = Sql.prepare(c, "INSERT INTO subscribers (msisdn, " + column + ", updated_at)"
        + " VALUES (?, ?, ?) ON CONFLICT(msisdn) DO UPDATE SET " + column + " = excluded." + column
        + ", updated_at = excluded.updated_at");
    ps.setString(1, msisdn);
    ps.setInt(2, given ? 1 : 0);
    ps.setLong(3, System.currentTimeMillis());
    ps.executeUpdate();
  }

  static boolean delete(Connection c, String msisdn) throws SQLException {
    forgetPlace(c, msisdn);
    PreparedStatement zones = Sql.prepare(c, "DELETE FROM subscriber_zones WHERE msisdn = ?");
    zones.setString(1, msisdn);
    zones.executeUpdate();
    PreparedStatement keep = Sql.prepare(c, "UPDATE subscribers SET language = NULL, channel_sms = 1,"
        + " channel_voice = 0, consent_alerts = NULL, consent_bills = NULL, consent_case_status = NULL, tester = 0,"
        + " updated_at = ? WHERE msisdn = ? AND opted_out = 1");
    keep.setLong(1, System.currentTimeMillis());
    keep.setString(2, msisdn);
    if (keep.executeUpdate() > 0) {
      return true;
    }
    PreparedStatement ps = Sql.prepare(c, "DELETE FROM subscribers WHERE msisdn = ?");
    ps.setString(1, msisdn);
    return ps.executeUpdate() > 0;
  }

  static List<Reachable> reachableIn(Connection c, double minLat, double maxLat, double minLon, double maxLon,
      boolean testersOnly) throws SQLException {
    PreparedStatement ps = Sql.prepare(c, "SELECT r.msisdn, s.language, r.lat, r.lon, s.channel_sms, s.channel_voice"
        + " FROM subscriber_places_rtree r JOIN subscribers s ON s.msisdn = r.msisdn"
        + " WHERE r.min_lat >= ? AND r.max_lat <= ? AND r.min_lon >= ? AND r.max_lon <= ?"
        + " AND " + REACHABLE + " AND (? = 0 OR s.tester = 1)");
    ps.setDouble(1, minLat);
    ps.setDouble(2, maxLat);
    ps.setDouble(3, minLon);
    ps.setDouble(4, maxLon);
    ps.setInt(5, testersOnly ? 1 : 0);
    return reachable(ps, true);
  }

  static List<Reachable> reachableInZones(Connection c, List<String> zones, boolean testersOnly) throws SQLException {
    if (zones.isEmpty()) {
      return List.of();
    }
    String marks = String.join(", ", java.util.Collections.nCopies(zones.size(), "?"));
    try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT s.msisdn, s.language, NULL AS lat, NULL AS lon,"
        + " s.channel_sms, s.channel_voice FROM subscriber_zones z JOIN subscribers s ON s.msisdn = z.msisdn"
        + " WHERE z.zone IN (" + marks + ") AND " + REACHABLE + " AND (? = 0 OR s.tester = 1)")) {
      int i = 1;
      for (String zone : zones) {
        ps.setString(i++, zone);
      }
      ps.setInt(i, testersOnly ? 1 : 0);
      return reachable(ps, false);
    }
  }

  private static List<Reachable> reachable(PreparedStatement ps, boolean placed) throws SQLException {
    List<Reachable> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new Reachable(rs.getString(1), rs.getString(2), placed ? rs.getDouble(3) : Double.NaN,
            placed ? rs.getDouble(4) : Double.NaN, rs.getInt(5) == 1, rs.getInt(6) == 1));
      }
    }
    return out;
  }
}
