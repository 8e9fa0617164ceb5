package org.relais.sms.smpp;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How fast a bind may submit: a window of submits in flight, a token bucket at its rate, and the
 * adaptive back-off when the SMSC throttles (ESME_RTHROTTLED, ESME_RMSGQFUL): a pause, doubling
 * from 100 ms to 10 s while throttling goes on, and the rate halved, then raised back by 1 % of
 * tps with each accepted submit.
 */
final class FlowControl {

  private static final Logger log = LoggerFactory.getLogger(FlowControl.class);
  private static final long BACKOFF_MIN_MS = 100;
  private static final long BACKOFF_MAX_MS = 10_000;

  private final int window;
  private final int tps;
  private final Semaphore permits;
  private final TokenBucket rate;
  private final LongSupplier nanoTime;
  private volatile long pausedUntilNanos;
  private volatile long backoffMs = BACKOFF_MIN_MS;

  FlowControl(int window, int tps) {
    this(window, tps, System::nanoTime);
  }

  /** Flow control reading time from {@code nanoTime}, so a test can move it. */
  FlowControl(int window, int tps, LongSupplier nanoTime) {
    this.window = window;
    this.tps = tps;
    this.nanoTime = nanoTime;
    this.permits = new Semaphore(window);
    this.rate = new TokenBucket(tps, nanoTime);
    this.pausedUntilNanos = nanoTime.getAsLong();
  }

  /**
   * Waits out a throttle pause, then for a place in the window, then out a pause that began while
   * it waited (the answer to a submit in flight): no message is started inside a pause.
   */
  void enter() throws InterruptedException {
    sleepOutPause();
    permits.acquire();
    try {
      sleepOutPause();
    } catch (InterruptedException e) {
      permits.release();
      throw e;
    }
  }

  private void sleepOutPause() throws InterruptedException {
    long pause = pauseLeftNanos();
    if (pause > 0) {
      TimeUnit.NANOSECONDS.sleep(pause);
    }
  }

  /**
   * Takes a place in the window without waiting: false when it is full or a throttle pause runs,
   * as {@link #enter} would then wait.
   */
  boolean tryEnter() {
    if (pauseLeftNanos() > 0 || !permits.tryAcquire()) {
      return false;
    }
    if (pauseLeftNanos() > 0) {
      permits.release();
      return false;
    }
    return true;
  }

  void leave() {
    permits.release();
  }

  /** Waits for a token of the rate; once per submit, so each part counts. */
  void pace() throws InterruptedException {
    rate.acquire();
  }

  /** Takes a token of the rate if one is there; false when {@link #pace} would wait. */
  boolean tryPace() {
    return rate.tryAcquire() == 0;
  }

  int inUse() {
    return window - permits.availablePermits();
  }

  double allowedRate() {
    return rate.rate();
  }

  /** What is left of the current throttle pause, in ns; 0 or less when there is none. */
  long pauseLeftNanos() {
    return pausedUntilNanos - nanoTime.getAsLong();
  }

  /**
   * Pauses and halves the rate, once per pause: the other answers of the same window, throttled
   * too, arrive while it runs and do not deepen it. A throttle right after a pause doubles the next.
   */
  synchronized void throttled(String why) {
    long now = nanoTime.getAsLong();
    if (now - pausedUntilNanos < 0) {
      return;
    }
    long pause = backoffMs;
    backoffMs = Math.min(BACKOFF_MAX_MS, pause * 2);
    pausedUntilNanos = now + TimeUnit.MILLISECONDS.toNanos(pause);
    rate.rate(Math.max(1, rate.rate() / 2));
    log.debug("{}; pausing {} ms, rate now {}/s", why, pause, rate.rate());
  }

  /** After an accepted submit: the back-off resets and the rate climbs back by 1 % of tps. */
  void accepted() {
    backoffMs = BACKOFF_MIN_MS;
    double current = rate.rate();
    if (current < tps) {
      rate.rate(Math.min(tps, current + Math.max(0.1, tps / 100.0)));
    }
  }

  /** Waits until the window is empty, up to {@code ms}; true when it is. */
  boolean drained(long ms) throws InterruptedException {
    if (permits.tryAcquire(window, ms, TimeUnit.MILLISECONDS)) {
      permits.release(window);
      return true;
    }
    return false;
  }
}
