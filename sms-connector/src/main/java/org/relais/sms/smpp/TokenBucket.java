package org.relais.sms.smpp;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Paces submits at a bind's rate (TPS), with a burst of one second's worth. The rate can be
 * lowered and raised while it runs: the bind halves it when the SMSC throttles and brings it back.
 */
final class TokenBucket {

  private final ReentrantLock lock = new ReentrantLock();
  private final LongSupplier nanoTime;
  private double perSecond;
  private double tokens;
  private long last;

  TokenBucket(int perSecond) {
    this(perSecond, System::nanoTime);
  }

  /** A bucket reading time from {@code nanoTime}, so a test can move it. */
  TokenBucket(int perSecond, LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    this.perSecond = perSecond;
    this.tokens = Math.max(1, perSecond);
    this.last = nanoTime.getAsLong();
  }

  /** Blocks (a virtual thread) until a token is available, then takes it. */
  void acquire() throws InterruptedException {
    long waitNanos;
    while ((waitNanos = tryAcquire()) > 0) {
      TimeUnit.NANOSECONDS.sleep(Math.max(waitNanos, 50_000));
    }
  }

  /** Takes a token and returns 0 when one is available; else returns how long until one is, in ns. */
  long tryAcquire() {
    lock.lock();
    try {
      refill();
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return Math.max(1, (long) ((1 - tokens) / perSecond * 1e9));
    } finally {
      lock.unlock();
    }
  }

  double rate() {
    lock.lock();
    try {
      return perSecond;
    } finally {
      lock.unlock();
    }
  }

  /** Sets the rate, keeping what was earned at the old one. */
  void rate(double value) {
    lock.lock();
    try {
      refill();
      perSecond = Math.max(0.1, value);
      tokens = Math.min(tokens, Math.max(1, perSecond));
    } finally {
      lock.unlock();
    }
  }

  private void refill() {
    long now = nanoTime.getAsLong();
    tokens = Math.min(Math.max(1, perSecond), tokens + (now - last) * perSecond / 1e9);
    last = now;
  }
}
