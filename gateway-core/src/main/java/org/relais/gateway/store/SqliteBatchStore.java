package org.relais.gateway.store;

import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.relais.gateway.notify.Batch;
import org.relais.gateway.notify.BatchRejection;
import org.relais.gateway.notify.BatchState;
import org.relais.gateway.notify.BatchStore;
import org.relais.gateway.notify.NewBatch;
import org.relais.gateway.notify.StagedRecipient;
import org.relais.gateway.sms.MessageState;
import org.relais.gateway.sms.NewMessage;
import org.relais.sms.Priority;

/**
 * Batches and their recipients in SQLite. A batch's counters live on its row, so that its progress
 * is read without counting a million rows; its messages are counted per state on
 * {@code messages_by_batch}. Recipients are released in the order of the body from
 * {@code released_through}, a range of the primary key.
 */
final class SqliteBatchStore implements BatchStore {

  private static final String COLUMNS = "id, template, category, language, priority, state, schedule_at, recipients,"
      + " segments, released_through, released, released_segments, skipped, skipped_segments, cancelled, error,"
      + " idempotency_key, name, created_at, updated_at";

  private final Database db;

  SqliteBatchStore(Database db) {
    this.db = db;
  }

  @Override
  public Future<Batch> create(NewBatch b) {
    String id = Ids.next("bat");
    return db.write(c -> {
      long now = System.currentTimeMillis();
      PreparedStatement ps = Sql.prepare(c, "INSERT INTO batches (id, template, category, language, priority, state,"
          + " schedule_at, idempotency_key, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'staging', ?, ?, ?, ?, ?)");
      ps.setString(1, id);
      ps.setString(2, b.template());
      ps.setString(3, b.category());
      Rows.setText(ps, 4, b.language());
      ps.setString(5, b.priority().name());
      Rows.setTime(ps, 6, b.scheduleAt());
      Rows.setText(ps, 7, b.idempotencyKey());
      Rows.setText(ps, 8, b.name());
      ps.setLong(9, now);
      ps.setLong(10, now);
      try {
        ps.executeUpdate();
      } catch (SQLException e) {
        if (Database.isConstraint(e) && b.idempotencyKey() != null) {
          throw new BatchRejection(409, "idempotency_key_in_use", 0, "Idempotency-Key",
              "a batch with this Idempotency-Key is being read now; ask for it again once its upload ends");
        }
        throw e;
      }
      return byId(c, id).orElseThrow();
    });
  }

  @Override
  public Future<Optional<Batch>> find(String id) {
    return db.read(c -> byId(c, id));
  }

  @Override
  public Future<Optional<Batch>> findByIdempotencyKey(String key) {
    // In turn with the writes: the request that created it must have had its answer first.
    return db.readInTurn(c -> {
      PreparedStatement ps = Sql.prepare(c, "SELECT " + COLUMNS + " FROM batches WHERE idempotency_key = ?");
      ps.setString(1, key);
      return one(ps);
    });
  }

  @Override
  public Future<Void> stage(String batchId, List<StagedRecipient> chunk) {
    return db.write(c -> {
      PreparedStatement ps = Sql.prepare(c, "INSERT INTO batch_recipients (batch_id, seq, destination, language, body,"
          + " parts, reference, state) VALUES (?, ?, ?, ?, ?, ?, ?, 'waiting')");
      for (StagedRecipient r : chunk) {
        ps.setString(1, batchId);
        ps.setLong(2, r.seq());
        ps.setString(3, r.destination());
        ps.setString(4, r.language());
        ps.setString(5, r.body());
        ps.setInt(6, r.parts());
        Rows.setText(ps, 7, r.reference());
        ps.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public Future<Batch> open(String batchId, long recipients, long segments) {
    return db.write(c -> {
      PreparedStatement ps = Sql.prepare(c, "UPDATE batches SET state = 'open', recipients = ?, segments = ?,"
          + " updated_at = ? WHERE id = ? AND state = 'staging'");
      ps.setLong(1, recipients);
      ps.setLong(2, segments);
      ps.setLong(3, System.currentTimeMillis());
      ps.setString(4, batchId);
      if (ps.executeUpdate() == 0) {
        throw new StoreException("batch " + batchId + " is not in staging", null, false);
      }
      return byId(c, batchId).orElseThrow();
    });
  }

  @Override
  public Future<Void> reject(String batchId, String error) {
    return db.write(c -> {
      PreparedStatement ps = Sql.prepare(c, "UPDATE batches SET state = 'rejected', error = ?,"
          + " idempotency_key = NULL, updated_at = ?"
          + " WHERE id = ? AND state = 'staging'");
      ps.setString(1, error);
      ps.setLong(2, System.currentTimeMillis());
      ps.setString(3, batchId);
      ps.executeUpdate();
      return null;
    });
  }

  @Override
  public Future<Integer> purge(String batchId, int limit) {
    return db.write(c -> {
      PreparedStatement ps = Sql.prepare(c, "DELETE FROM batch_recipients WHERE batch_id = ?1 AND seq IN"
          + " (SELECT seq FROM batch_recipients WHERE batch_id = ?1 ORDER BY seq LIMIT ?2)"
          + " AND EXISTS (SELECT 1 FROM batches WHERE id = ?1 AND state = 'rejected')");
      ps.setString(1, batchId);
      ps.setInt(2, limit);
      return ps.executeUpdate();
    });
  }

  @Override
  public Future<List<String>> staging() {
    return db.read(c -> {
      List<String> ids = new ArrayList<>();
      try (ResultSet rs = Sql.prepare(c, "SELECT id FROM batches WHERE state = 'staging'").executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
      return ids;
    });
  }

  @Override
  public Future<List<Batch>> open() {
    return db.read(c -> {
      List<Batch> out = new ArrayList<>();
      try (ResultSet rs = Sql.prepare(c, "SELECT " + COLUMNS + " FROM batches WHERE state = 'open'"
          + " ORDER BY CASE priority WHEN 'ALERT' THEN 0 WHEN 'REPLY' THEN 1 WHEN 'NORMAL' THEN 2 ELSE 3 END,"
          + " created_at").executeQuery()) {
        while (rs.next()) {
          out.add(batch(rs));
        }
      }
      return out;
    });
  }

  @Override
  public Future<Batch> release(String batchId, int limit, Predicate<String> optedOut) {
    return db.write(c -> {
      Batch batch = byId(c, batchId).orElseThrow();
      if (batch.state() != BatchState.OPEN) {
        return batch;
      }
      PreparedStatement next = Sql.prepare(c, "SELECT seq, destination, language, body, parts, reference"
          + " FROM batch_recipients WHERE batch_id = ? AND seq > ? ORDER BY seq LIMIT ?");
      next.setString(1, batchId);
      next.setLong(2, batch.progress().releasedThrough());
      next.setInt(3, limit);
      long now = System.currentTimeMillis();
      long last = batch.progress().releasedThrough();
      long released = 0;
      long releasedSegments = 0;
      long skipped = 0;
      long skippedSegments = 0;
      List<Object[]> rows = new ArrayList<>();
      try (ResultSet rs = next.executeQuery()) {
        while (rs.next()) {
          rows.add(new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
              rs.getString(6)});
        }
      }
      PreparedStatement mark = Sql.prepare(c, "UPDATE batch_recipients SET state = ?, message_id = ?"
          + " WHERE batch_id = ? AND seq = ?");
      for (Object[] row : rows) {
        long seq = (Long) row[0];
        String destination = (String) row[1];
        int parts = (Integer) row[4];
        String messageId = null;
        if (optedOut.test(destination)) {
          skipped++;
          skippedSegments += parts;
        } else {
          messageId = Ids.next("msg");
          NewMessage message = NewMessage.to(destination, (String) row[3]).language((String) row[2])
              .priority(batch.priority()).parts(parts).reference((String) row[5]).build();
          NotificationRows.insertMessage(c, messageId, message, batchId, batch.category(), false, now);
          released++;
          releasedSegments += parts;
        }
        mark.setString(1, messageId == null ? "skipped_opted_out" : "released");
        Rows.setText(mark, 2, messageId);
        mark.setString(3, batchId);
        mark.setLong(4, seq);
        mark.executeUpdate();
        last = seq;
      }
      boolean done = rows.size() < limit || last >= batch.progress().recipients();
      PreparedStatement update = Sql.prepare(c, "UPDATE batches SET released_through = ?, released = released + ?,"
          + " released_segments = released_segments + ?, skipped = skipped + ?, skipped_segments = skipped_segments + ?,"
          + " state = ?, updated_at = ? WHERE id = ?");
      update.setLong(1, last);
      update.setLong(2, released);
      update.setLong(3, releasedSegments);
      update.setLong(4, skipped);
      update.setLong(5, skippedSegments);
      update.setString(6, done ? "released" : "open");
      update.setLong(7, now);
      update.setString(8, batchId);
      update.executeUpdate();
      return byId(c, batchId).orElseThrow();
    });
  }

  @Override
  public Future<Long> queuedAhead() {
    return db.read(c -> {
      PreparedStatement ps = Sql.prepare(c, "SELECT COUNT(*) FROM messages INDEXED BY messages_queue"
          + " WHERE state = 'queued' AND batch_id IS NOT NULL AND next_attempt_at < ?");
      ps.setLong(1, NotificationRows.HELD);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0L;
      }
    });
  }

  @Override
  public Future<MessageCounts> messageCounts(String batchId) {
    return db.read(c -> {
      Map<MessageState, Long> counts = new EnumMap<>(MessageState.class);
      for (MessageState s : MessageState.values()) {
        counts.put(s, 0L);
      }
      PreparedStatement ps = Sql.prepare(c, "SELECT state, COUNT(*) FROM messages INDEXED BY messages_by_batch"
          + " WHERE batch_id = ? GROUP BY state");
      ps.setString(1, batchId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          counts.put(MessageState.of(rs.getString(1)), rs.getLong(2));
        }
      }
      PreparedStatement queued = Sql.prepare(c, "SELECT COALESCE(SUM(parts), 0),"
          + " COALESCE(SUM(next_attempt_at = ?), 0) FROM messages INDEXED BY messages_by_batch"
          + " WHERE batch_id = ? AND state = 'queued'");
      queued.setLong(1, NotificationRows.HELD);
      queued.setString(2, batchId);
      try (ResultSet rs = queued.executeQuery()) {
        rs.next();
        return new MessageCounts(counts, rs.getLong(2), rs.getLong(1));
      }
    });
  }

  @Override
  public Future<Optional<Batch>> cancel(String batchId) {
    return db.write(c -> {
      Optional<Batch> found = byId(c, batchId);
      if (found.isEmpty() || found.get().state() != BatchState.OPEN && found.get().state() != BatchState.RELEASED) {
        return found;
      }
      Batch batch = found.get();
      long withdrawn = 0;
      long withdrawnSegments = 0;
      PreparedStatement queued = Sql.prepare(c, "SELECT COUNT(*), TOTAL(parts) FROM (" + QUEUED_OF_BATCH + ")");
      queued.setString(1, batchId);
      try (ResultSet rs = queued.executeQuery()) {
        if (rs.next()) {
          withdrawn = rs.getLong(1);
          withdrawnSegments = rs.getLong(2);
        }
      }
      withdraw(c, batchId);
      long neverReleased = batch.progress().waiting();
      PreparedStatement ps = Sql.prepare(c, "UPDATE batches SET state = 'cancelled', cancelled = cancelled + ?,"
          + " released = released - ?, released_segments = released_segments - ?, updated_at = ? WHERE id = ?");
      ps.setLong(1, neverReleased + withdrawn);
      ps.setLong(2, withdrawn);
      ps.setLong(3, withdrawnSegments);
      ps.setLong(4, System.currentTimeMillis());
      ps.setString(5, batchId);
      ps.executeUpdate();
      return byId(c, batchId);
    });
  }

  /** A batch's messages queued and not claimed by a send: they never left, and can be withdrawn. ?1: the batch. */
  private static final String QUEUED_OF_BATCH = "SELECT id, parts FROM messages INDEXED BY messages_by_batch"
      + " WHERE batch_id = ?1 AND state = 'queued' AND claim IS NULL";

  /**
   * Takes the batch's queued messages that never left back out of the queue, with their events;
   * their recipients are cancelled. One statement each for the whole batch: its recipients are
   * read once, not once per message.
   */
  private static void withdraw(Connection c, String batchId) throws SQLException {
    String ids = "SELECT id FROM (" + QUEUED_OF_BATCH + ")";
    for (String sql : new String[] {
        "UPDATE batch_recipients SET state = 'cancelled', message_id = NULL WHERE batch_id = ?1 AND message_id IN ("
            + ids + ")",
        "DELETE FROM message_events WHERE message_id IN (" + ids + ")",
        "DELETE FROM messages WHERE id IN (" + ids + ")"}) {
      PreparedStatement ps = Sql.prepare(c, sql);
      ps.setString(1, batchId);
      ps.executeUpdate();
    }
  }

  @Override
  public Future<Integer> hold(String category) {
    return db.write(c -> {
      PreparedStatement ps = Sql.prepare(c, "UPDATE messages INDEXED BY messages_held SET next_attempt_at = ?1"
          + " WHERE category = ?2 AND state = 'queued' AND next_attempt_at < ?1 AND lane >= ?3");
      ps.setLong(1, NotificationRows.HELD);
      ps.setString(2, category);
      ps.setInt(3, MessageRows.lane(Priority.NORMAL));
      return ps.executeUpdate();
    });
  }

  @Override
  public Future<Integer> unhold(String category) {
    return db.write(c -> {
      PreparedStatement ps = Sql.prepare(c, "UPDATE messages INDEXED BY messages_held SET next_attempt_at = 0"
          + " WHERE category = ? AND state = 'queued' AND next_attempt_at = ?");
      ps.setString(1, category);
      ps.setLong(2, NotificationRows.HELD);
      return ps.executeUpdate();
    });
  }

  private static Optional<Batch> byId(Connection c, String id) throws SQLException {
    PreparedStatement ps = Sql.prepare(c, "SELECT " + COLUMNS + " FROM batches WHERE id = ?");
    ps.setString(1, id);
    return one(ps);
  }

  private static Optional<Batch> one(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(batch(rs)) : Optional.empty();
    }
  }

  private static Batch batch(ResultSet rs) throws SQLException {
    NewBatch request = new NewBatch(rs.getString("template"), rs.getString("category"), rs.getString("language"),
        Priority.valueOf(rs.getString("priority")), Rows.time(rs, "schedule_at"), rs.getString("idempotency_key"),
        rs.getString("name"));
    Batch.Progress progress = new Batch.Progress(rs.getLong("recipients"), rs.getLong("segments"),
        rs.getLong("released_through"), rs.getLong("released"), rs.getLong("released_segments"), rs.getLong("skipped"),
        rs.getLong("skipped_segments"), rs.getLong("cancelled"));
    return new Batch(rs.getString("id"), request, BatchState.of(rs.getString("state")), progress, rs.getString("error"),
        Rows.time(rs, "created_at"), Rows.time(rs, "updated_at"));
  }
}
