package org.relais.sms.smpp;

import java.util.concurrent.atomic.AtomicLongArray;

/** Events per second over the last {@value #SECONDS} whole seconds, for /health and /metrics. */
final class RateMeter {

  static final int SECONDS = 10;
  private static final int SLOTS = SECONDS + 2;

  private final AtomicLongArray counts = new AtomicLongArray(SLOTS);
  private final AtomicLongArray epochs = new AtomicLongArray(SLOTS);

  void mark() {
    long second = System.currentTimeMillis() / 1000;
    int slot = (int) (second % SLOTS);
    long epoch = epochs.get(slot);
    if (epoch != second && epochs.compareAndSet(slot, epoch, second)) {
      counts.set(slot, 0);
    }
    counts.incrementAndGet(slot);
  }

  /** The average rate over the last complete seconds. */
  double perSecond() {
    long now = System.currentTimeMillis() / 1000;
    long sum = 0;
    for (long second = now - SECONDS; second < now; second++) {
      int slot = (int) (second % SLOTS);
      if (epochs.get(slot) == second) {
        sum += counts.get(slot);
      }
    }
    return sum / (double) SECONDS;
  }
}
