package org.relais.gateway.store;

import io.vertx.core.Future;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.relais.gateway.sms.InboundMessage;
import org.relais.gateway.sms.InboundStore;
import org.relais.sms.InboundPart;
import org.relais.sms.InboundSms;

/** Inbound texts in SQLite, and the parts of concatenated ones ({@link InboundParts}). */
final class SqliteInboundStore implements InboundStore {

  private static final String RECEIVED = "received";
  private static final String PROCESSED = "processed";
  private static final String AWAITING = "awaiting_answer";

  private final Database db;

  SqliteInboundStore(Database db) {
    this.db = db;
  }

  @Override
  public Future<Inserted> insert(InboundSms sms, Duration window) {
    return db.write(c -> {
      long now = System.currentTimeMillis();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id FROM inbound WHERE dedupe_key = ? AND received_at >= ? ORDER BY received_at DESC LIMIT 1")) {
        ps.setString(1, sms.dedupeKey());
        ps.setLong(2, now - window.toMillis());
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            return new Inserted(rs.getString(1), false);
          }
        }
      }
      String id = Ids.next("in");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO inbound (id, bind, source, destination, body, parts,"
          + " dedupe_key, received_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, id);
        ps.setString(2, sms.bind());
        ps.setString(3, sms.source());
        ps.setString(4, sms.destination());
        ps.setString(5, sms.text());
        ps.setInt(6, sms.parts());
        ps.setString(7, sms.dedupeKey());
        ps.setLong(8, sms.receivedAt() != null ? sms.receivedAt().toEpochMilli() : now);
        ps.setString(9, RECEIVED);
        ps.executeUpdate();
      }
      return new Inserted(id, true);
    });
  }

  @Override
  public Future<PartOutcome> insertPart(InboundPart part, Duration window) {
    return db.write(c -> InboundParts.insert(c, part, window.toMillis()));
  }

  @Override
  public Future<List<InboundMessage>> expireParts(Instant firstPartBefore, Instant forgetBefore) {
    return db.write(c -> InboundParts.expire(c, firstPartBefore.toEpochMilli(), forgetBefore.toEpochMilli()));
  }

  @Override
  public Future<List<InboundMessage>> unprocessed(InboundMessage after, int limit) {
    return inState(RECEIVED, after, limit);
  }

  @Override
  public Future<List<InboundMessage>> awaitingAnswer(InboundMessage after, int limit) {
    return inState(AWAITING, after, limit);
  }

  @Override
  public Future<Void> awaitingAnswer(String id) {
    return db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE inbound SET state = ? WHERE id = ? AND state = ?")) {
        ps.setString(1, AWAITING);
        ps.setString(2, id);
        ps.setString(3, RECEIVED);
        ps.executeUpdate();
      }
      return null;
    });
  }

  /** A page of texts in {@code state} in (received_at, id) order, after {@code after}: a restart reads them all, page by page. */
  private Future<List<InboundMessage>> inState(String state, InboundMessage after, int limit) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT id, source, destination, body, received_at FROM inbound"
          + " WHERE state = ? AND (received_at, id) > (?, ?) ORDER BY received_at, id LIMIT ?")) {
        ps.setString(1, state);
        ps.setLong(2, after == null ? Long.MIN_VALUE : after.receivedAt().toEpochMilli());
        ps.setString(3, after == null ? "" : after.id());
        ps.setInt(4, limit);
        List<InboundMessage> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new InboundMessage(rs.getString("id"), rs.getString("source"), rs.getString("destination"),
                rs.getString("body"), Instant.ofEpochMilli(rs.getLong("received_at"))));
          }
        }
        return out;
      }
    });
  }

  @Override
  public Future<Void> processed(String id, String outcome) {
    return db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE inbound SET state = ?, outcome = ?, processed_at = ? WHERE id = ?")) {
        ps.setString(1, PROCESSED);
        ps.setString(2, outcome);
        ps.setLong(3, System.currentTimeMillis());
        ps.setString(4, id);
        ps.executeUpdate();
      }
      return null;
    });
  }
}
