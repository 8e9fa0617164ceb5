package org.relais.gateway.sms;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import org.relais.sms.SubmitResult;
import org.relais.sms.receipt.DeliveryReceipt;

/** What the outbound queue needs from the store. Every write completes only once committed. */
public interface MessageStore {

  /** Queues a message (state queued); completes with it once committed. */
  Future<OutboundMessage> insert(NewMessage message);

  Future<Optional<OutboundMessage>> find(String id);

  Future<List<MessageEvent>> history(String id);

  /** The SMSC ids of a message's parts, in order. */
  Future<List<String>> smscIds(String id);

  /** Records the SMSC's acceptance, then applies any receipt that arrived before it. */
  Future<Void> submitted(SubmitResult result);

  /** Records a final failure (rejected by the SMSC, or not sendable). */
  Future<Void> failed(String id, MessageState state, String detail);

  /** Records a temporary failure; the message stays queued. */
  Future<Void> retry(String id, String detail);

  /** Applies a receipt, or keeps it until its submit result is recorded. */
  Future<ReceiptMatch> receipt(String bind, DeliveryReceipt receipt);

  /** Messages still queued, oldest first within each lane: what a restart resumes. */
  Future<List<OutboundMessage>> queued(int limit);

  /** What became of a receipt. */
  record ReceiptMatch(String messageId, MessageState state) {

    public static ReceiptMatch pending() {
      return new ReceiptMatch(null, null);
    }

    public boolean matched() {
      return messageId != null;
    }
  }
}
