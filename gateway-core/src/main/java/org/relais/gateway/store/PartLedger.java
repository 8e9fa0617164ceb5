package org.relais.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.relais.gateway.sms.MessageState;
import org.relais.gateway.sms.MessageStore.ReceiptMatch;
import org.relais.sms.SubmitResult;
import org.relais.sms.receipt.DeliveryReceipt;
import org.relais.sms.receipt.ReceiptStatus;
import org.relais.sms.receipt.SmscMessageIds;

/**
 * The submitted parts of outbound messages and their receipts, on the writer's connection: a
 * submit result records one row per part; a receipt sets its part's state and, once every part
 * is final, the message's (the worst part deciding); a receipt that comes before its submit
 * result is held in memory a moment ({@link HeldReceipts}), then waits in pending_receipts. All run
 * on the writer thread, so they cannot race.
 *
 * <p>A part numbered 0 is an abandoned part: accepted by the SMSC as part of an attempt that failed
 * on a later part, after which the message is sent again whole (or fails). Its receipt matches and
 * is recorded on the part, and nothing else: it counts neither in the message's parts nor in its
 * state, and it never waits in pending_receipts for ever.
 */
final class PartLedger {

  private PartLedger() {}

  /** Records a submit result's parts, and applies the receipts held for them (taken through {@code held}). */
  static void submitted(Connection c, SubmitResult result, HeldReceipts.Taken held) throws SQLException {
    long now = System.currentTimeMillis();
    PreparedStatement ps = Sql.prepare(c, "UPDATE messages SET state = 'submitted', bind = ?, parts = ?, claim = NULL,"
        + " updated_at = ? WHERE id = ? AND +state IN ('queued', 'cancelled')");
    // 'cancelled': the message was withdrawn while its submit was already on the wire; it was sent.
    ps.setString(1, result.bind());
    ps.setInt(2, result.smscMessageIds().size());
    ps.setLong(3, now);
    ps.setString(4, result.messageId());
    if (ps.executeUpdate() == 0) {
      return;
    }
    // No event: the history reads the submit from the parts.
    List<String> ids = result.smscMessageIds();
    PreparedStatement part = Sql.prepare(c, "INSERT OR REPLACE INTO message_parts (scope, smsc_id, message_id, part,"
        + " parts, bind, state, error, submitted_at) VALUES (?, ?, ?, ?, ?, ?, 'submitted', NULL, ?)");
    for (int i = 0; i < ids.size(); i++) {
      part.setString(1, result.scope());
      part.setString(2, ids.get(i));
      part.setString(3, result.messageId());
      part.setInt(4, i + 1);
      part.setInt(5, ids.size());
      part.setString(6, result.bind());
      part.setLong(7, now);
      part.executeUpdate();
    }
    applyWaiting(c, result.scope(), ids, held);
  }

  /** Records the accepted parts of a failed attempt as abandoned parts (numbered 0), see above. */
  static void abandoned(Connection c, SubmitResult accepted, HeldReceipts.Taken held) throws SQLException {
    long now = System.currentTimeMillis();
    List<String> ids = accepted.smscMessageIds();
    PreparedStatement part = Sql.prepare(c, "INSERT OR IGNORE INTO message_parts (scope, smsc_id, message_id, part,"
        + " parts, bind, state, error, submitted_at) VALUES (?, ?, ?, 0, 0, ?, 'submitted', NULL, ?)");
    for (String id : ids) {
      part.setString(1, accepted.scope());
      part.setString(2, id);
      part.setString(3, accepted.messageId());
      part.setString(4, accepted.bind());
      part.setLong(5, now);
      part.executeUpdate();
    }
    MessageRows.event(c, accepted.messageId(), now, MessageState.QUEUED, "bind " + accepted.bind()
        + " accepted part(s) before the failure, SMSC id " + String.join(",", ids) + ": kept for their receipts");
    applyWaiting(c, accepted.scope(), ids, held);
  }

  /** Applies the receipts that came before the parts {@code ids} were recorded: held in memory, or kept in the store. */
  private static void applyWaiting(Connection c, String scope, List<String> ids, HeldReceipts.Taken held)
      throws SQLException {
    for (String id : ids) {
      for (HeldReceipts.Held h : held.take(scope, id)) {
        held.answer(h, apply(c, scope, id, h.receipt.status(), h.receipt.error()).afterWaiting());
      }
    }
    if (held.from().mayHaveKept(() -> anyPending(c))) {
      for (String id : ids) {
        applyPending(c, scope, id);
      }
    }
  }

  /** A look into the store. */
  @FunctionalInterface
  interface Look {
    boolean any() throws SQLException;
  }

  private static boolean anyPending(Connection c) throws SQLException {
    try (ResultSet rs = Sql.prepare(c, "SELECT 1 FROM pending_receipts LIMIT 1").executeQuery()) {
      return rs.next();
    }
  }

  private static void applyPending(Connection c, String scope, String smscId) throws SQLException {
    List<String> candidates = SmscMessageIds.candidates(smscId);
    PreparedStatement ps = Sql.prepare(c, "SELECT smsc_id, status, error FROM pending_receipts"
        + " WHERE scope = ? AND smsc_id IN (?, ?, ?) LIMIT 1");
    ps.setString(1, scope);
    for (int i = 0; i < 3; i++) {
      ps.setString(2 + i, candidates.get(Math.min(i, candidates.size() - 1)));
    }
    String pendingId;
    ReceiptStatus status;
    String error;
    try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return;
      }
      pendingId = rs.getString(1);
      status = ReceiptStatus.valueOf(rs.getString(2));
      error = rs.getString(3);
    }
    apply(c, scope, smscId, status, error);
    PreparedStatement del = Sql.prepare(c, "DELETE FROM pending_receipts WHERE scope = ? AND smsc_id = ?");
    del.setString(1, scope);
    del.setString(2, pendingId);
    del.executeUpdate();
  }

  /**
   * Applies a receipt to the part recorded under its id as quoted ({@code guess} false), or under
   * the first of its readings that names one ({@code guess} true: an id read in the other base may
   * name an older message, so a guess waits until the submit result of the id as quoted had its
   * chance); null when there is none (yet).
   */
  static ReceiptMatch match(Connection c, String scope, DeliveryReceipt receipt, boolean guess) throws SQLException {
    for (String candidate : guess ? receipt.matchIds() : receipt.matchIds().subList(0, 1)) {
      ReceiptMatch match = apply(c, scope, candidate, receipt.status(), receipt.error());
      if (match.matched()) {
        return match;
      }
    }
    return null;
  }

  /** Keeps a receipt no part matches in pending_receipts, until the submit result that names its id. */
  static ReceiptMatch keep(Connection c, String scope, DeliveryReceipt receipt, HeldReceipts held)
      throws SQLException {
    held.mayHaveKeptAgain();
    PreparedStatement ps = Sql.prepare(c, "INSERT OR REPLACE INTO pending_receipts"
        + " (scope, smsc_id, status, error, received_at) VALUES (?, ?, ?, ?, ?)");
    ps.setString(1, scope);
    ps.setString(2, receipt.matchIds().getFirst());
    ps.setString(3, receipt.status().name());
    Rows.setText(ps, 4, receipt.error());
    ps.setLong(5, System.currentTimeMillis());
    ps.executeUpdate();
    return ReceiptMatch.pending();
  }

  /** Sets a part's state, then the message's: final once every part is, the worst part deciding. */
  private static ReceiptMatch apply(Connection c, String scope, String smscId, ReceiptStatus status, String error)
      throws SQLException {
    long now = System.currentTimeMillis();
    MessageState partState = MessageState.of(status.outcome());
    PreparedStatement update = Sql.prepare(c, "UPDATE message_parts SET state = ?, error = ?, receipt_at = ?"
        + " WHERE scope = ? AND smsc_id = ? RETURNING message_id, bind, submitted_at, parts, part");
    update.setString(1, partState.label());
    Rows.setText(update, 2, error);
    update.setLong(3, now);
    update.setString(4, scope);
    update.setString(5, smscId);
    String messageId;
    String bind;
    long submittedAt;
    int parts;
    boolean abandoned;
    try (ResultSet rs = update.executeQuery()) {
      if (!rs.next()) {
        return ReceiptMatch.pending();
      }
      messageId = rs.getString(1);
      bind = rs.getString(2);
      submittedAt = rs.getLong(3);
      parts = rs.getInt(4);
      abandoned = rs.getInt(5) == 0;
    }
    Duration latency = submittedAt > 0 ? Duration.ofMillis(Math.max(0, now - submittedAt)) : null;
    if (abandoned) {
      return new ReceiptMatch(messageId, stateOf(c, messageId), bind, latency);
    }
    MessageState aggregate = parts <= 1 ? partState : aggregate(c, messageId);
    if (aggregate.isFinal()) {
      MessageRows.settle(c, messageId, aggregate, "receipt " + status.stat() + (error == null ? "" : " err " + error));
    }
    return new ReceiptMatch(messageId, aggregate, bind, latency);
  }

  private static MessageState stateOf(Connection c, String messageId) throws SQLException {
    PreparedStatement ps = Sql.prepare(c, "SELECT state FROM messages WHERE id = ?");
    ps.setString(1, messageId);
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? MessageState.of(rs.getString(1)) : null;
    }
  }

  private static MessageState aggregate(Connection c, String messageId) throws SQLException {
    PreparedStatement ps = Sql.prepare(c, "SELECT state FROM message_parts WHERE message_id = ? AND part > 0");
    ps.setString(1, messageId);
    boolean pending = false;
    MessageState worst = MessageState.DELIVERED;
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        MessageState s = MessageState.of(rs.getString(1));
        if (!s.isFinal()) {
          pending = true;
        } else if (rank(s) > rank(worst)) {
          worst = s;
        }
      }
    }
    return pending ? MessageState.SUBMITTED : worst;
  }

  /** How bad a final state is for a multipart message: one rejected part makes the message rejected. */
  private static int rank(MessageState state) {
    return switch (state) {
      case DELIVERED -> 0;
      case EXPIRED -> 1;
      case FAILED -> 2;
      case REJECTED -> 3;
      case QUEUED, SUBMITTED, CANCELLED -> -1;
    };
  }
}
