package org.relais.gateway.notify;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.relais.gateway.sms.MessageState;

/**
 * What batches need from the store. Every write completes once committed. Recipients are staged
 * in chunks while the body is read and become sendable only when the batch is opened; a batch's
 * recipients become queued messages in chunks, in the order of the body.
 */
public interface BatchStore {

  /** Creates a batch in state staging. */
  Future<Batch> create(NewBatch batch);

  Future<Optional<Batch>> find(String id);

  /**
   * The batch created earlier with this idempotency key, if any; answered only once the write that
   * created it is durable.
   */
  Future<Optional<Batch>> findByIdempotencyKey(String key);

  /** Writes a chunk of recipients of a batch in staging. */
  Future<Void> stage(String batchId, List<StagedRecipient> chunk);

  /** Staging → open, with the totals read; fails when the batch is not in staging. */
  Future<Batch> open(String batchId, long recipients, long segments);

  /** Marks a batch rejected with its reason; its recipients are then deleted by {@link #purge}. */
  Future<Void> reject(String batchId, String error);

  /** Deletes up to {@code limit} recipients of a rejected batch; completes with how many went. */
  Future<Integer> purge(String batchId, int limit);

  /** The ids of batches left in staging by an earlier run (their upload was cut off). */
  Future<List<String>> staging();

  /** Open batches, highest lane first, then oldest. */
  Future<List<Batch>> open();

  /**
   * Hands the next {@code limit} recipients of an open batch to the outbound queue as messages,
   * skipping the numbers {@code optedOut} accepts; completes with the batch after. (A batch in its
   * quiet hours is not released.)
   */
  Future<Batch> release(String batchId, int limit, Predicate<String> optedOut);

  /** Batch messages queued and not held by quiet hours: how far releases are ahead of the binds. */
  Future<Long> queuedAhead();

  /** A batch's messages per state, and the segments still queued. */
  Future<MessageCounts> messageCounts(String batchId);

  /**
   * Cancels a batch that is open or released: nothing more is released, and its messages still
   * queued and not in memory on their way to a bind are withdrawn. Completes with the batch after,
   * or empty when there is no such batch.
   */
  Future<Optional<Batch>> cancel(String batchId);

  /** Holds the queued messages of {@code category} (quiet hours began); completes with how many. */
  Future<Integer> hold(String category);

  /** Frees the held messages of {@code category} (quiet hours ended); completes with how many. */
  Future<Integer> unhold(String category);

  /** Messages of a batch per state, held ones among the queued, and the segments still queued. */
  record MessageCounts(Map<MessageState, Long> byState, long held, long queuedSegments) {}
}
