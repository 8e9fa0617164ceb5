package org.relais.sms.smpp;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The commits a bind's inbound PDUs wait for, oldest first, each failed with a {@link
 * TimeoutException} once it has waited longer than the response timeout. Every commit has the
 * same timeout, so arrival order is deadline order: one look every few milliseconds (a tenth of
 * the timeout, between 10 and 100 ms) serves them all, where a timer per PDU would cost each one a
 * hand-off to the JVM's delay thread, and another to cancel it.
 */
final class CommitDeadlines implements AutoCloseable {

  private static final ScheduledExecutorService TICKS = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().name("smpp-commit-deadlines").daemon().factory());

  private record Waiting(long deadline, CompletableFuture<?> commit) {}

  private final long timeoutNanos;
  private final String timeoutText;
  private final ConcurrentLinkedQueue<Waiting> waiting = new ConcurrentLinkedQueue<>();
  private final ScheduledFuture<?> tick;

  CommitDeadlines(Duration timeout) {
    this.timeoutNanos = timeout.toNanos();
    this.timeoutText = "not committed within " + timeout.toMillis() + " ms";
    long every = Math.max(10, Math.min(100, timeout.toMillis() / 10));
    this.tick = TICKS.scheduleWithFixedDelay(this::expire, every, every, TimeUnit.MILLISECONDS);
  }

  /** Returns {@code commit}, to be failed with a TimeoutException if it is not done within the timeout. */
  <T> CompletableFuture<T> within(CompletableFuture<T> commit) {
    if (!commit.isDone()) {
      waiting.add(new Waiting(System.nanoTime() + timeoutNanos, commit));
    }
    return commit;
  }

  /** Commits still waiting for their deadline (done ones leave at the next look). */
  int size() {
    return waiting.size();
  }

  /** Drops the done commits at the head, and fails those past their deadline. */
  void expire() {
    long now = System.nanoTime();
    for (Waiting w = waiting.peek(); w != null && (w.commit.isDone() || now - w.deadline >= 0); w = waiting.peek()) {
      waiting.poll();
      w.commit.completeExceptionally(new TimeoutException(timeoutText));
    }
  }

  @Override
  public void close() {
    tick.cancel(false);
  }
}
