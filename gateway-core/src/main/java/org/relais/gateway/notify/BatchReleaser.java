package org.relais.gateway.notify;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.relais.gateway.metrics.Metrics;
import org.relais.gateway.sms.OutboundDispatcher;
import org.relais.gateway.subscribers.Consent;
import org.relais.gateway.subscribers.OptOuts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands open batches to the outbound queue in chunks, as it drains: never more than
 * {@code releaseAhead} batch messages queued at once, so a million recipients never sit in the
 * queue (nor in memory) together, and replies and alerts, in higher lanes, always pass first.
 * A batch starts at its {@code schedule_at}; a category in its quiet hours is not released, and
 * its messages already queued are held until the quiet hours end (durably: in the store).
 * A recipient whose number opted out is skipped when its turn comes.
 */
final class BatchReleaser {

  private static final Logger log = LoggerFactory.getLogger(BatchReleaser.class);
  private static final long SOON_MS = 100;

  private final Vertx vertx;
  private final BatchStore store;
  private final OutboundDispatcher sms;
  private final OptOuts optOuts;
  private final QuietPolicy quiet;
  private final int chunk;
  private final int releaseAhead;
  private final long intervalMs;
  private final Metrics.Counter recipients;
  private Context context;
  private Future<Void> current = Future.succeededFuture();
  private boolean running;
  private boolean soon;
  private boolean stopped;
  private long timer = -1;

  BatchReleaser(Vertx vertx, BatchStore store, OutboundDispatcher sms, OptOuts optOuts, QuietPolicy quiet, int chunk,
      int releaseAhead, long intervalMs, Metrics metrics) {
    this.vertx = vertx;
    this.store = store;
    this.sms = sms;
    this.optOuts = optOuts;
    this.quiet = quiet;
    this.chunk = chunk;
    this.releaseAhead = releaseAhead;
    this.intervalMs = intervalMs;
    this.recipients = metrics.counter("relais_batch_recipients_total",
        "Batch recipients handed to the outbound queue or skipped", "outcome");
  }

  /** Starts the passes on the caller's context, where every pass runs. */
  void start() {
    context = vertx.getOrCreateContext();
    timer = vertx.setPeriodic(intervalMs, t -> tick());
  }

  /** A pass as soon as possible, on the releaser's context, after the one under way if any. */
  Future<Void> passNow() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> (running ? current.transform(ar -> tick()) : tick()).onComplete(done));
    return done.future();
  }

  /** Stops the passes; completes when the one under way, if any, has finished. */
  Future<Void> stop() {
    stopped = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return current.otherwiseEmpty();
  }

  /** One pass: quiet hours applied, then what the queue has room for released. Runs one at a time. */
  Future<Void> tick() {
    if (running || stopped) {
      return Future.succeededFuture();
    }
    running = true;
    current = keepQuietHours().compose(v -> release()).andThen(ar -> {
      running = false;
      if (ar.failed()) {
        log.warn("batches: release failed, retried at the next pass: {}", ar.cause().getMessage());
      } else if (ar.result() > 0 && !soon) {
        // Something was released: the queue may drain before the next pass; look again shortly.
        soon = true;
        vertx.setTimer(SOON_MS, t -> {
          soon = false;
          tick();
        });
      }
    }).mapEmpty();
    return current;
  }

  /** Holds the queued messages of the categories now quiet, frees those of the others. */
  private Future<Void> keepQuietHours() {
    List<Future<Integer>> freed = new ArrayList<>();
    for (String category : quiet.categories().keySet()) {
      if (quiet.isQuiet(category)) {
        store.hold(category).onSuccess(n -> {
          if (n > 0) {
            log.info("quiet hours of {}: {} queued messages held until {}", category, n,
                quiet.endAfter(category, quiet.now()).map(Instant::toString).orElse("their end"));
          }
        });
      } else {
        freed.add(store.unhold(category).onSuccess(n -> {
          if (n > 0) {
            log.info("quiet hours of {} ended: {} messages freed", category, n);
          }
        }));
      }
    }
    return Future.all(freed).map(all -> {
      if (freed.stream().anyMatch(f -> f.result() > 0)) {
        sms.wake();
      }
      return null;
    });
  }

  /** Releases what the queue has room for; completes with how many messages were released. */
  private Future<Long> release() {
    return store.queuedAhead().compose(ahead -> {
      long budget = releaseAhead - ahead;
      if (budget < Math.min(chunk, releaseAhead / 2)) {
        return Future.succeededFuture(0L);
      }
      Instant now = quiet.now();
      return store.open().compose(open -> {
        List<Batch> due = open.stream()
            .filter(b -> b.request().scheduleAt() == null || !b.request().scheduleAt().isAfter(now))
            .filter(b -> !quiet.holds(b.category(), b.priority()))
            .toList();
        return releaseFrom(due, 0, budget, 0);
      });
    });
  }

  private Future<Long> releaseFrom(List<Batch> due, int index, long budget, long releasedSoFar) {
    if (index >= due.size() || budget <= 0) {
      if (releasedSoFar > 0) {
        sms.wake();
      }
      return Future.succeededFuture(releasedSoFar);
    }
    Batch before = due.get(index);
    int n = (int) Math.min(chunk, budget);
    return store.release(before.id(), n, m -> optOuts.refuses(m, Consent.BILLS)).compose(after -> {
      long released = after.progress().released() - before.progress().released();
      long skipped = after.progress().skipped() - before.progress().skipped();
      recipients.add(released, "released");
      recipients.add(skipped, "skipped_opted_out");
      boolean more = after.state() == BatchState.OPEN && released + skipped > 0;
      if (after.state() == BatchState.RELEASED) {
        log.info("batch {}: every recipient handed to the queue ({} skipped: opted out, or bills refused)", after.id(),
            after.progress().skipped());
      }
      return releaseFrom(more ? replace(due, index, after) : due, more ? index : index + 1, budget - released,
          releasedSoFar + released);
    });
  }

  private static List<Batch> replace(List<Batch> due, int index, Batch batch) {
    List<Batch> copy = new ArrayList<>(due);
    copy.set(index, batch);
    return copy;
  }
}
