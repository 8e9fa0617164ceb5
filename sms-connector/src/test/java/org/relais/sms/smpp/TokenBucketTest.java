package org.relais.sms.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The rate limit counted in tokens against a clock the test moves: no wall time involved. */
class TokenBucketTest {

  private final AtomicLong now = new AtomicLong(-5_000_000_000L);

  private void advanceMs(long ms) {
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
  }

  private static int drain(TokenBucket bucket) {
    int n = 0;
    while (bucket.tryAcquire() == 0) {
      n++;
    }
    return n;
  }

  @Test
  void shouldGiveABurstOfOneSecondThenOneTokenPerPeriod() {
    TokenBucket bucket = new TokenBucket(10, now::get);
    assertThat(drain(bucket)).isEqualTo(10);
    assertThat(bucket.tryAcquire()).as("ns until the next token").isEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
    advanceMs(100);
    assertThat(drain(bucket)).isEqualTo(1);
    advanceMs(450);
    assertThat(drain(bucket)).isEqualTo(4);
  }

  @Test
  void shouldNeverHoldMoreThanOneSecondsWorth() {
    TokenBucket bucket = new TokenBucket(10, now::get);
    drain(bucket);
    advanceMs(60_000);
    assertThat(drain(bucket)).isEqualTo(10);
  }

  @Test
  void shouldRefillAtTheLoweredRateOnceTheRateIsHalved() {
    TokenBucket bucket = new TokenBucket(10, now::get);
    drain(bucket);
    bucket.rate(5);
    assertThat(bucket.rate()).isEqualTo(5.0);
    advanceMs(1000);
    assertThat(drain(bucket)).as("5 a second now").isEqualTo(5);
    bucket.rate(10);
    advanceMs(1000);
    assertThat(drain(bucket)).isEqualTo(10);
  }

  @Test
  void shouldKeepAtLeastOneTokenABurstAndATenthOfATokenASecond() {
    TokenBucket bucket = new TokenBucket(10, now::get);
    drain(bucket);
    bucket.rate(0);
    assertThat(bucket.rate()).isEqualTo(0.1);
    advanceMs(9_000);
    assertThat(drain(bucket)).isZero();
    advanceMs(1_500);
    assertThat(drain(bucket)).isEqualTo(1);
  }
}
