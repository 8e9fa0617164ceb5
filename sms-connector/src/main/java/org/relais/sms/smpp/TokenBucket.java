package org.relais.sms.smpp;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/** Paces submits at a bind's rate (TPS), with a burst of one second's worth. */
final class TokenBucket {

  private final double perNano;
  private final double capacity;
  private final ReentrantLock lock = new ReentrantLock();
  private double tokens;
  private long last = System.nanoTime();

  TokenBucket(int perSecond) {
    this.perNano = perSecond / 1e9;
    this.capacity = Math.max(1, perSecond);
    this.tokens = capacity;
  }

  /** Blocks (a virtual thread) until {@code n} tokens are available, then takes them. */
  void acquire(int n) throws InterruptedException {
    double need = Math.min(n, capacity);
    while (true) {
      long waitNanos;
      lock.lock();
      try {
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - last) * perNano);
        last = now;
        if (tokens >= need) {
          tokens -= need;
          return;
        }
        waitNanos = (long) ((need - tokens) / perNano);
      } finally {
        lock.unlock();
      }
      TimeUnit.NANOSECONDS.sleep(Math.max(waitNanos, 50_000));
    }
  }
}
