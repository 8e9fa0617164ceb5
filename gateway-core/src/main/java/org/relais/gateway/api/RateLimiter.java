package org.relais.gateway.api;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One token bucket per caller: {@code burst} requests at once, refilled at {@code perSecond}. A
 * request that finds the bucket empty is refused with the time until the next one would pass.
 */
final class RateLimiter {

  private final double perNano;
  private final double burst;
  private final LongSupplier nanos;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  RateLimiter(int perSecond, int burst, LongSupplier nanos) {
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.nanos = nanos;
  }

  /** Takes one request from {@code caller}'s bucket: {@link Duration#ZERO} when it passes, else how long to wait. */
  Duration take(String caller) {
    return buckets.computeIfAbsent(caller, c -> new Bucket(burst, nanos.getAsLong())).take();
  }

  private final class Bucket {
    private double tokens;
    private long last;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.last = now;
    }

    synchronized Duration take() {
      long now = nanos.getAsLong();
      tokens = Math.min(burst, tokens + (now - last) * perNano);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return Duration.ZERO;
      }
      return Duration.ofNanos((long) Math.ceil((1 - tokens) / perNano));
    }
  }
}
