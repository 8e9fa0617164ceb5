package org.relais.gateway.store;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.relais.gateway.sms.MessageEvent;
import org.relais.gateway.sms.MessageState;
import org.relais.gateway.sms.MessageStore;
import org.relais.gateway.sms.NewMessage;
import org.relais.gateway.sms.OutboundMessage;
import org.relais.sms.SubmitResult;
import org.relais.sms.receipt.DeliveryReceipt;

/**
 * Outbound messages, their parts and their history in SQLite. A claim is this store's random run
 * id written on the message: a new run (a new store) holds nothing, so a restart sends again what
 * was queued or in flight.
 */
final class SqliteMessageStore implements MessageStore {

  private final Database db;
  private final long run = new SecureRandom().nextLong();
  private final HeldReceipts held = new HeldReceipts();
  private final long holdNanos;
  private final AtomicBoolean sweeping = new AtomicBoolean();

  SqliteMessageStore(Database db) {
    this(db, HeldReceipts.HOLD);
  }

  /** With receipts held at most {@code hold} for their submit result. */
  SqliteMessageStore(Database db, Duration hold) {
    this.db = db;
    this.holdNanos = hold.toNanos();
    db.onRollback(held::mayHaveKeptAgain);
  }

  @Override
  public Future<OutboundMessage> insert(NewMessage m, boolean claimed) {
    String id = Ids.next("msg");
    return db.write(c -> {
      long now = System.currentTimeMillis();
      MessageRows.insert(c, id, m, now, claimed ? run : null, 0, null, null, null);
      Instant at = Instant.ofEpochMilli(now);
      return new OutboundMessage(id, m, MessageState.QUEUED, null, null, 0, at, at);
    });
  }

  @Override
  public Future<Optional<OutboundMessage>> find(String id) {
    return db.read(byColumn("id", id));
  }

  @Override
  public Future<Optional<OutboundMessage>> findByIdempotencyKey(String key) {
    // In turn with the writes: the request that queued it must have had its answer first.
    return db.readInTurn(byColumn("idempotency_key", key));
  }

  /** The message whose {@code column} (a unique one) holds {@code value}. */
  private static Database.Work<Optional<OutboundMessage>> byColumn(String column, String value) {
    return c -> {
      PreparedStatement ps = Sql.prepare(c, "SELECT " + MessageRows.COLUMNS + " FROM messages WHERE " + column + " = ?");
      ps.setString(1, value);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(MessageRows.message(rs)) : Optional.empty();
      }
    };
  }

  @Override
  public Future<List<MessageEvent>> history(String id) {
    return db.read(c -> MessageHistory.of(c, id));
  }

  @Override
  public Future<List<String>> smscIds(String id) {
    return db.read(c -> {
      PreparedStatement ps = Sql.prepare(c, "SELECT smsc_id FROM message_parts WHERE message_id = ? AND part > 0"
          + " ORDER BY part");
      ps.setString(1, id);
      List<String> ids = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
      return ids;
    });
  }

  @Override
  public Future<List<OutboundMessage>> claim(int limit) {
    return db.write(c -> {
      PreparedStatement ps = Sql.prepare(c, "UPDATE messages SET claim = ?1 WHERE rowid IN (SELECT rowid FROM messages INDEXED BY messages_queue"
          + " WHERE state = 'queued' AND (claim IS NULL OR claim <> ?1) AND next_attempt_at <= ?2"
          + " ORDER BY lane, created_at LIMIT ?3) RETURNING " + MessageRows.COLUMNS + ", lane");
      ps.setLong(1, run);
      ps.setLong(2, System.currentTimeMillis());
      ps.setInt(3, limit);
      List<OutboundMessage> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(MessageRows.message(rs));
        }
      }
      out.sort(Comparator.comparing((OutboundMessage m) -> m.request().priority()).thenComparing(OutboundMessage::createdAt));
      return out;
    });
  }

  @Override
  public Future<Void> submitted(SubmitResult result) {
    return recordParts((c, taken) -> PartLedger.submitted(c, result, taken));
  }

  @Override
  public Future<Void> abandonedParts(SubmitResult accepted) {
    return recordParts((c, taken) -> PartLedger.abandoned(c, accepted, taken));
  }

  /** Records submitted parts, ahead of the other writes of its batch, and answers the receipts held for them. */
  private Future<Void> recordParts(PartsWrite write) {
    HeldReceipts.Taken taken = new HeldReceipts.Taken(held);
    return db.<Void>writeFirst(c -> {
      write.run(c, taken);
      return null;
    }).andThen(taken::settle);
  }

  /** A write of parts, given what it takes from the held receipts. */
  @FunctionalInterface
  private interface PartsWrite {
    void run(Connection c, HeldReceipts.Taken taken) throws SQLException;
  }

  @Override
  public Future<Void> failed(String id, MessageState state, String detail) {
    return db.write(c -> {
      MessageRows.setState(c, id, state, detail);
      return null;
    });
  }

  @Override
  public Future<Void> retry(String id, String detail, Instant notBefore) {
    return db.write(c -> {
      long now = System.currentTimeMillis();
      PreparedStatement ps = Sql.prepare(c, "UPDATE messages SET attempts = attempts + 1, error = ?, claim = NULL,"
          + " next_attempt_at = ?, updated_at = ? WHERE id = ? AND +state = 'queued'");
      ps.setString(1, detail);
      ps.setLong(2, notBefore.toEpochMilli());
      ps.setLong(3, now);
      ps.setString(4, id);
      if (ps.executeUpdate() > 0) {
        MessageRows.event(c, id, now, MessageState.QUEUED, "retry: " + detail);
      }
      return null;
    });
  }

  @Override
  public Future<ReceiptMatch> receipt(String scope, DeliveryReceipt receipt) {
    Promise<ReceiptMatch> answer = Promise.promise();
    HeldReceipts.Held waiting = new HeldReceipts.Held(scope, receipt, answer, System.nanoTime());
    db.write(c -> {
      ReceiptMatch match = PartLedger.match(c, scope, receipt, false);
      // A second run of this write (its batch rolled back) finds it held already.
      if (match == null && !waiting.held) {
        waiting.held = true;
        held.hold(waiting);
      }
      return match;
    }).onComplete(ar -> {
      if (ar.failed()) {
        answer.tryFail(ar.cause());
      } else if (ar.result() != null) {
        answer.tryComplete(ar.result());
      }
      if (waiting.held) {
        // Also when the write failed: answered, it still sits among the held until swept.
        sweepHeld();
      }
    });
    return answer.future();
  }

  /**
   * While receipts are held, keeps in pending_receipts those held for longer than the hold (their
   * submit result is late, or was recorded by an earlier run), and answers them once that is
   * committed.
   */
  private void sweepHeld() {
    if (!sweeping.compareAndSet(false, true)) {
      return;
    }
    Thread.ofVirtual().name("store-held-receipts").start(() -> {
      try {
        while (held.size() > 0 && db.isOpen()) {
          Thread.sleep(Math.max(1, holdNanos / 2_000_000));
          long cutoff = System.nanoTime() - holdNanos;
          HeldReceipts.Taken taken = new HeldReceipts.Taken(held);
          db.<Void>write(c -> {
            for (HeldReceipts.Held h : taken.olderThan(cutoff)) {
              // The id as quoted named no part in time: now its other readings may (an SMSC that
              // quotes ids in the other base), or the id as quoted may (a part recorded by an
              // earlier run).
              ReceiptMatch match = PartLedger.match(c, h.scope, h.receipt, true);
              taken.answer(h, match != null ? match : PartLedger.keep(c, h.scope, h.receipt, held));
            }
            return null;
          }).andThen(taken::settle).toCompletionStage().toCompletableFuture().exceptionally(e -> null)
              .get(1, TimeUnit.MINUTES);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        // The write never ran (the store closed under it): a later held receipt starts another sweep.
      } finally {
        sweeping.set(false);
        if (held.size() > 0 && db.isOpen()) {
          sweepHeld();
        }
      }
    });
  }

  @Override
  public Future<List<OutboundMessage>> queued(int limit) {
    return db.read(c -> {
      PreparedStatement ps = Sql.prepare(c, "SELECT " + MessageRows.COLUMNS + " FROM messages INDEXED BY messages_queue WHERE state = 'queued'"
          + " ORDER BY lane, created_at LIMIT ?");
      ps.setInt(1, limit);
      List<OutboundMessage> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(MessageRows.message(rs));
        }
      }
      return out;
    });
  }
}
