package org.relais.sms.smpp;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Futures a bind waits for with one timeout (the commits its inbound PDUs wait for, the resps its
 * submits wait for), oldest first, each failed with a {@link TimeoutException} once it has waited
 * longer than the timeout. All have the same timeout, so arrival order is deadline order: one look
 * every few milliseconds (a tenth of the timeout, between 10 and 100 ms) serves them all, where a
 * timer per PDU would cost each one a hand-off to the JVM's delay thread, and another to cancel it.
 * The failures are completed on the one thread that watches every bind's deadlines.
 */
final class Deadlines implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Deadlines.class);

  private static final ScheduledExecutorService TICKS = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().name("smpp-deadlines").daemon().factory());

  private record Waiting(long deadline, CompletableFuture<?> future) {}

  private final long timeoutNanos;
  private final String timeoutText;
  private final ConcurrentLinkedQueue<Waiting> waiting = new ConcurrentLinkedQueue<>();
  private final ScheduledFuture<?> tick;

  /** @param late what a future failed at its deadline was not, as in "not committed" */
  Deadlines(Duration timeout, String late) {
    this.timeoutNanos = timeout.toNanos();
    this.timeoutText = late + " within " + timeout.toMillis() + " ms";
    long every = Math.max(10, Math.min(100, timeout.toMillis() / 10));
    this.tick = TICKS.scheduleWithFixedDelay(this::expire, every, every, TimeUnit.MILLISECONDS);
  }

  /** Returns {@code future}, to be failed with a TimeoutException if it is not done within the timeout. */
  <T> CompletableFuture<T> within(CompletableFuture<T> future) {
    if (!future.isDone()) {
      waiting.add(new Waiting(System.nanoTime() + timeoutNanos, future));
    }
    return future;
  }

  /** Futures still waiting for their deadline (done ones leave at the next look). */
  int size() {
    return waiting.size();
  }

  /** Drops the done futures at the head, and fails those past their deadline. */
  synchronized void expire() {
    try {
      long now = System.nanoTime();
      for (Waiting w = waiting.peek(); w != null && (w.future.isDone() || now - w.deadline >= 0); w = waiting.peek()) {
        waiting.poll();
        if (!w.future.isDone()) {
          w.future.completeExceptionally(new TimeoutException(timeoutText));
        }
      }
    } catch (RuntimeException e) {
      // A failing completion must not end the tick: the other futures still need their deadline.
      log.error("smpp: failing a future past its deadline failed", e);
    }
  }

  /**
   * Stops watching. A commit still waiting completes when the store answers (it does not wait for
   * ever); its answer goes to a session that is closing, and the SMSC delivers the PDU again. A
   * submit still waiting is failed when its session closes.
   */
  @Override
  public void close() {
    tick.cancel(false);
  }
}
