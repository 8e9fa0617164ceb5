package org.relais.gateway.store;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.relais.gateway.sms.MessageStore.ReceiptMatch;
import org.relais.sms.receipt.DeliveryReceipt;

/**
 * Receipts that came before the submit result naming their id, held in memory for a short while
 * instead of being written to pending_receipts and read back: the SMSC sends a receipt right after
 * its submit_sm_resp, and a long message's first parts are receipted before its last part is
 * accepted. A held receipt is not committed, so it is not answered either: the write that records
 * its submit result applies it and answers it once committed; one still held after {@link #HOLD}
 * goes to pending_receipts as before. A stop with receipts held leaves them
 * unanswered, and the SMSC delivers them again.
 *
 * <p>Touched by the writer thread only (the works of the writes), except {@link #size}.
 */
final class HeldReceipts {

  /**
   * How long a receipt waits in memory for its submit result before it is kept in the store: far
   * below any response timeout, far above the time a long message's parts take to be accepted.
   */
  static final Duration HOLD = Duration.ofMillis(300);

  /** A held receipt and the answer its caller waits for. */
  static final class Held {
    final String scope;
    final DeliveryReceipt receipt;
    final Promise<ReceiptMatch> answer;
    /** The caller's Vert.x context, where the answer is completed (null: on a virtual thread). */
    final Context context = Vertx.currentContext();
    final long since;
    /** Another receipt quoting the same id, held behind this one (a redelivery). */
    Held next;
    /** Set by the write that held it, so that a second run of that write does not hold it twice. */
    boolean held;
    boolean taken;

    Held(String scope, DeliveryReceipt receipt, Promise<ReceiptMatch> answer, long since) {
      this.scope = scope;
      this.receipt = receipt;
      this.answer = answer;
      this.since = since;
    }

    /** The id in the form a submit result is stored under when the SMSC quotes it alike. */
    String id() {
      return receipt.matchIds().getFirst();
    }

    /** Answered already: the write that held it failed, and the SMSC delivers it again. */
    boolean answered() {
      return answer.future().isComplete();
    }
  }

  private final Map<String, Held> byId = new HashMap<>();
  private final ArrayDeque<Held> order = new ArrayDeque<>();
  private final AtomicInteger size = new AtomicInteger();
  /**
   * pending_receipts was found empty: a submit result need not look there. It goes back to false
   * once a receipt is kept there, or a transaction is rolled back whole (a look in it may have found
   * empty a table whose last row the rollback put back); a look that finds a row leaves it false.
   */
  private boolean noneKept;

  /** Whether pending_receipts may hold a row; {@code look} reads it while that is not known. */
  boolean mayHaveKept(PartLedger.Look look) throws java.sql.SQLException {
    if (noneKept) {
      return false;
    }
    boolean any = look.any();
    noneKept = !any;
    return any;
  }

  /**
   * pending_receipts may hold a row again: a receipt is kept there (even if its transaction is then
   * rolled back), or the writer rolled a transaction back whole (what a look found in it no longer holds).
   */
  void mayHaveKeptAgain() {
    noneKept = false;
  }

  /** Receipts held now; read from any thread. */
  int size() {
    return size.get();
  }

  void hold(Held held) {
    String key = key(held.scope, held.id());
    Held first = byId.putIfAbsent(key, held);
    if (first != null) {
      while (first.next != null) {
        first = first.next;
      }
      first.next = held;
    }
    order.add(held);
    size.incrementAndGet();
  }

  /**
   * Takes the receipts held for {@code smscId} in {@code scope}, oldest first; empty when none.
   * Only a receipt that quotes the id in the form stored is taken here: one that quotes it in the
   * other base waits out its hold and is matched through pending_receipts, as no guess may give
   * it to another message whose id happens to read the same.
   */
  List<Held> take(String scope, String smscId) {
    Held first = size.get() == 0 ? null : byId.remove(key(scope, smscId));
    if (first == null) {
      return List.of();
    }
    List<Held> out = new ArrayList<>(1);
    for (Held h = first; h != null; h = h.next) {
      h.taken = true;
      size.decrementAndGet();
      if (!h.answered()) {
        out.add(h);
      }
    }
    return out;
  }

  /**
   * Takes every receipt held since before {@code cutoff} (System.nanoTime()). The queue is in the
   * order they were held, the order of their chains too: one that expires heads its chain.
   */
  List<Held> olderThan(long cutoff) {
    List<Held> out = new ArrayList<>();
    while (!order.isEmpty() && (order.peekFirst().taken || order.peekFirst().since - cutoff < 0)) {
      Held h = order.pollFirst();
      if (h.taken) {
        continue;
      }
      String key = key(h.scope, h.id());
      if (h.next != null) {
        byId.put(key, h.next);
      } else {
        byId.remove(key);
      }
      h.next = null;
      h.taken = true;
      size.decrementAndGet();
      if (!h.answered()) {
        out.add(h);
      }
    }
    return out;
  }

  private static String key(String scope, String id) {
    return scope + '\u0000' + id;
  }

  /**
   * What one write took from the held receipts and what each matched. A write may run twice (its
   * batch rolled back, then each write in a savepoint): the second run gets what the first took.
   * Once the write is committed, the receipts are answered with their matches; when it failed,
   * with its failure, and the SMSC delivers them again.
   */
  static final class Taken {
    private final HeldReceipts from;
    private final Map<String, List<Held>> taken = new HashMap<>();
    private final Map<Held, ReceiptMatch> matches = new HashMap<>();
    private List<Held> expired;

    Taken(HeldReceipts from) {
      this.from = from;
    }

    HeldReceipts from() {
      return from;
    }

    List<Held> take(String scope, String smscId) {
      return taken.computeIfAbsent(key(scope, smscId), k -> from.take(scope, smscId));
    }

    List<Held> olderThan(long cutoff) {
      if (expired == null) {
        expired = from.olderThan(cutoff);
      }
      return expired;
    }

    void answer(Held held, ReceiptMatch match) {
      matches.put(held, match);
    }

    /**
     * Answers what this write took once it is committed (or failed): each on its caller's context,
     * the others on one virtual thread, never on the thread that completed the write (an event loop
     * when the write was a retry), as the answer writes to the SMSC's socket.
     */
    void settle(AsyncResult<?> result) {
      List<Held> all = new ArrayList<>(expired == null ? List.of() : expired);
      taken.values().forEach(all::addAll);
      List<Runnable> outside = new ArrayList<>();
      for (Held held : all) {
        Runnable answer = () -> {
          if (result.succeeded()) {
            held.answer.tryComplete(matches.getOrDefault(held, ReceiptMatch.pending()));
          } else {
            held.answer.tryFail(result.cause());
          }
        };
        if (held.context != null) {
          held.context.runOnContext(v -> answer.run());
        } else {
          outside.add(answer);
        }
      }
      Database.completeOutside("store-held-answers", outside);
    }
  }
}
