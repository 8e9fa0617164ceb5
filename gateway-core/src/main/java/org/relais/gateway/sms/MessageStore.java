package org.relais.gateway.sms;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.relais.sms.SubmitResult;
import org.relais.sms.receipt.DeliveryReceipt;

/**
 * What the outbound queue needs from the store. Every write completes only once committed. A
 * queued message is either free or held in memory by this run (claimed) on its way to a bind; a
 * restart frees every claim, so what was queued or in flight is sent again.
 */
public interface MessageStore {

  /** Queues a message (state queued), unclaimed; completes with it once committed. */
  default Future<OutboundMessage> insert(NewMessage message) {
    return insert(message, false);
  }

  /** Queues a message, claimed by this run when the caller sends it at once. */
  Future<OutboundMessage> insert(NewMessage message, boolean claimed);

  Future<Optional<OutboundMessage>> find(String id);

  /**
   * The message queued with the client's {@code Idempotency-Key}, if one was; answered only once the
   * write that queued it is durable.
   */
  Future<Optional<OutboundMessage>> findByIdempotencyKey(String key);

  Future<List<MessageEvent>> history(String id);

  /** The SMSC ids of a message's parts, in order. */
  Future<List<String>> smscIds(String id);

  /**
   * Claims up to {@code limit} queued messages that no part of this run holds and that are due:
   * highest lane first, then oldest. This is how the queue is read, after a restart too.
   */
  Future<List<OutboundMessage>> claim(int limit);

  /** Records the SMSC's acceptance, then applies any receipt that arrived before it. */
  Future<Void> submitted(SubmitResult result);

  /**
   * Records the parts of a long message the SMSC accepted before the message failed (it will be
   * sent again whole, or not at all): they are kept apart from the message's parts, so that their
   * receipts match and are recorded but decide nothing about the message's state.
   */
  Future<Void> abandonedParts(SubmitResult accepted);

  /** Records a final failure (rejected by the SMSC, not sendable, expired). */
  Future<Void> failed(String id, MessageState state, String detail);

  /** Records a temporary failure: the message stays queued, unclaimed, due again at {@code notBefore}. */
  Future<Void> retry(String id, String detail, Instant notBefore);

  /**
   * Applies a receipt to the part submitted under its id within {@code scope} (a bind group), or
   * keeps it until that part's submit result is recorded: completes once the receipt is committed,
   * applied or kept (a receipt that comes just before its submit result may wait for it a moment).
   */
  Future<ReceiptMatch> receipt(String scope, DeliveryReceipt receipt);

  /** Messages still queued, oldest first within each lane (a read-only view). */
  Future<List<OutboundMessage>> queued(int limit);

  /**
   * What became of a receipt: the message and its state, the bind that submitted the part and
   * how long after its submit the receipt came (null when not matched yet); {@code waited} when it
   * came before its submit result was recorded and was applied with it.
   */
  record ReceiptMatch(String messageId, MessageState state, String bind, Duration latency, boolean waited) {

    public ReceiptMatch(String messageId, MessageState state, String bind, Duration latency) {
      this(messageId, state, bind, latency, false);
    }

    public static ReceiptMatch pending() {
      return new ReceiptMatch(null, null, null, null);
    }

    /** The same match, for a receipt that waited for its submit result. */
    public ReceiptMatch afterWaiting() {
      return new ReceiptMatch(messageId, state, bind, latency, true);
    }

    public boolean matched() {
      return messageId != null;
    }
  }
}
