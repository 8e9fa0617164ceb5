package org.relais.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.relais.gateway.sms.InboundMessage;
import org.relais.gateway.sms.InboundStore.PartOutcome;
import org.relais.sms.InboundPart;
import org.relais.sms.InboundSms;
import org.relais.sms.encoding.Alphabet;

/**
 * The parts of concatenated inbound texts, on the writer's connection. Each part is committed
 * before the SMSC is answered; the part that completes its message is joined with the others and
 * the text committed in the same transaction, so a part acknowledged to the SMSC survives a crash
 * and a text is never committed without all the parts it was joined from.
 */
final class InboundParts {

  private static final String PART_COLUMNS =
      "group_key, number, total, part_key, bind, source, destination, alphabet, body, received_at";

  private InboundParts() {}

  static PartOutcome insert(Connection c, InboundPart part, long windowMs) throws SQLException {
    long now = System.currentTimeMillis();
    if (exists(c, "SELECT 1 FROM inbound_parts WHERE part_key = ? AND received_at >= ? LIMIT 1", part.partKey(),
        now - windowMs)) {
      return new PartOutcome(PartOutcome.Kind.DUPLICATE, List.of());
    }
    List<InboundMessage> completed = new ArrayList<>();
    if (exists(c, "SELECT 1 FROM inbound_parts WHERE group_key = ? AND number = ? AND inbound_id IS NULL", part.groupKey(),
        part.number())) {
      // Another part with this number waits: the sender reused the reference before its earlier
      // message was complete. That message is delivered as it stands, and this part starts anew.
      completed.add(join(c, part.groupKey()));
    } else if (!exists(c, "SELECT 1 FROM inbound_parts WHERE group_key = ? AND inbound_id IS NULL LIMIT 1",
        part.groupKey())) {
      // No message of this reference waits: the part may belong to one delivered incomplete.
      String late = incompleteTextMissing(c, part, now - windowMs);
      if (late != null) {
        store(c, part, late);
        return new PartOutcome(PartOutcome.Kind.LATE, List.of());
      }
    }
    store(c, part, null);
    PreparedStatement count = Sql.prepare(c,
        "SELECT COUNT(DISTINCT number) FROM inbound_parts WHERE group_key = ? AND inbound_id IS NULL");
    count.setString(1, part.groupKey());
    int have;
    try (ResultSet rs = count.executeQuery()) {
      have = rs.next() ? rs.getInt(1) : 0;
    }
    if (have < part.total()) {
      return new PartOutcome(completed.isEmpty() ? PartOutcome.Kind.WAITING : PartOutcome.Kind.COMPLETED, completed);
    }
    completed.add(join(c, part.groupKey()));
    return new PartOutcome(PartOutcome.Kind.COMPLETED, completed);
  }

  /** Joins what arrived of each message waiting since before {@code firstPartBefore}; forgets old joined parts. */
  static List<InboundMessage> expire(Connection c, long firstPartBefore, long forgetBefore) throws SQLException {
    List<String> groups = new ArrayList<>();
    PreparedStatement ps = Sql.prepare(c, "SELECT group_key FROM inbound_parts WHERE inbound_id IS NULL"
        + " GROUP BY group_key HAVING MIN(received_at) < ?");
    ps.setLong(1, firstPartBefore);
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        groups.add(rs.getString(1));
      }
    }
    List<InboundMessage> out = new ArrayList<>();
    for (String group : groups) {
      out.add(join(c, group));
    }
    PreparedStatement forget = Sql.prepare(c,
        "DELETE FROM inbound_parts WHERE inbound_id IS NOT NULL AND received_at < ?");
    forget.setLong(1, forgetBefore);
    forget.executeUpdate();
    return out;
  }

  /** Joins the waiting parts of a message into a text, commits it and ties the parts to it. */
  private static InboundMessage join(Connection c, String groupKey) throws SQLException {
    PreparedStatement ps = Sql.prepare(c, "SELECT " + PART_COLUMNS + " FROM inbound_parts"
        + " WHERE group_key = ? AND inbound_id IS NULL ORDER BY number, received_at");
    ps.setString(1, groupKey);
    List<InboundPart> parts = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        parts.add(new InboundPart(rs.getString("bind"), rs.getString("source"), rs.getString("destination"),
            rs.getString("group_key"), rs.getInt("number"), rs.getInt("total"), Alphabet.valueOf(rs.getString("alphabet")),
            rs.getBytes("body"), rs.getString("part_key"), Instant.ofEpochMilli(rs.getLong("received_at"))));
      }
    }
    InboundSms sms = InboundPart.join(parts);
    String id = Ids.next("in");
    PreparedStatement insert = Sql.prepare(c, "INSERT INTO inbound (id, bind, source, destination, body, parts,"
        + " dedupe_key, received_at, state, missing_parts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'received', ?)");
    insert.setString(1, id);
    insert.setString(2, sms.bind());
    insert.setString(3, sms.source());
    insert.setString(4, sms.destination());
    insert.setString(5, sms.text());
    insert.setInt(6, sms.parts());
    insert.setString(7, "parts:" + id);
    insert.setLong(8, sms.receivedAt().toEpochMilli());
    insert.setInt(9, sms.missingParts());
    insert.executeUpdate();
    PreparedStatement tie = Sql.prepare(c, "UPDATE inbound_parts SET inbound_id = ? WHERE group_key = ? AND inbound_id IS NULL");
    tie.setString(1, id);
    tie.setString(2, groupKey);
    tie.executeUpdate();
    return new InboundMessage(id, sms.source(), sms.destination(), sms.text(), sms.receivedAt());
  }

  /** The incomplete text of this part's message, delivered after its timeout without this part, or null. */
  private static String incompleteTextMissing(Connection c, InboundPart part, long since) throws SQLException {
    PreparedStatement ps = Sql.prepare(c, "SELECT p.inbound_id FROM inbound_parts p JOIN inbound i ON i.id = p.inbound_id"
        + " WHERE p.group_key = ? AND p.received_at >= ? AND i.missing_parts > 0"
        + " ORDER BY p.received_at DESC LIMIT 1");
    ps.setString(1, part.groupKey());
    ps.setLong(2, since);
    String inboundId;
    try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return null;
      }
      inboundId = rs.getString(1);
    }
    boolean has = exists(c, "SELECT 1 FROM inbound_parts WHERE inbound_id = ? AND number = ?", inboundId, part.number());
    return has ? null : inboundId;
  }

  private static void store(Connection c, InboundPart part, String inboundId) throws SQLException {
    PreparedStatement ps = Sql.prepare(c, "INSERT INTO inbound_parts (" + PART_COLUMNS + ", inbound_id)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    ps.setString(1, part.groupKey());
    ps.setInt(2, part.number());
    ps.setInt(3, part.total());
    ps.setString(4, part.partKey());
    ps.setString(5, part.bind());
    ps.setString(6, part.source());
    ps.setString(7, part.destination());
    ps.setString(8, part.alphabet().name());
    ps.setBytes(9, part.body());
    ps.setLong(10, part.receivedAt().toEpochMilli());
    Rows.setText(ps, 11, inboundId);
    ps.executeUpdate();
  }

  private static boolean exists(Connection c, String sql, Object... args) throws SQLException {
    PreparedStatement ps = Sql.prepare(c, sql);
    for (int i = 0; i < args.length; i++) {
      ps.setObject(i + 1, args[i]);
    }
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next();
    }
  }
}
