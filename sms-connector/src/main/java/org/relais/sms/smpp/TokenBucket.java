package org.relais.sms.smpp;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Paces submits at a bind's rate (TPS), with a burst of one second's worth. The rate can be
 * lowered and raised while it runs: the bind halves it when the SMSC throttles and brings it back.
 */
final class TokenBucket {

  private final ReentrantLock lock = new ReentrantLock();
  private double perSecond;
  private double tokens;
  private long last = System.nanoTime();

  TokenBucket(int perSecond) {
    this.perSecond = perSecond;
    this.tokens = Math.max(1, perSecond);
  }

  /** Blocks (a virtual thread) until a token is available, then takes it. */
  void acquire() throws InterruptedException {
    while (true) {
      long waitNanos;
      lock.lock();
      try {
        refill();
        if (tokens >= 1) {
          tokens -= 1;
          return;
        }
        waitNanos = (long) ((1 - tokens) / perSecond * 1e9);
      } finally {
        lock.unlock();
      }
      TimeUnit.NANOSECONDS.sleep(Math.max(waitNanos, 50_000));
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
    long now = System.nanoTime();
    tokens = Math.min(Math.max(1, perSecond), tokens + (now - last) * perSecond / 1e9);
    last = now;
  }
}
