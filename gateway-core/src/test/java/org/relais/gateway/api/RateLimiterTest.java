package org.relais.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  private final AtomicLong now = new AtomicLong();
  private final RateLimiter limiter = new RateLimiter(2, 4, now::get);

  @Test
  void shouldLetTheBurstThroughThenTellHowLongToWait() {
    for (int i = 0; i < 4; i++) {
      assertThat(limiter.take("token#1")).isZero();
    }
    assertThat(limiter.take("token#1")).isEqualTo(Duration.ofMillis(500));
    assertThat(limiter.take("token#2")).as("each caller has its bucket").isZero();
  }

  @Test
  void shouldRefillAtTheRateUpToTheBurst() {
    for (int i = 0; i < 4; i++) {
      limiter.take("token#1");
    }
    now.addAndGet(Duration.ofMillis(500).toNanos());
    assertThat(limiter.take("token#1")).isZero();
    assertThat(limiter.take("token#1")).isPositive();
    now.addAndGet(Duration.ofHours(1).toNanos());
    for (int i = 0; i < 4; i++) {
      assertThat(limiter.take("token#1")).isZero();
    }
    assertThat(limiter.take("token#1")).as("no more than the burst however long the pause").isPositive();
  }
}
