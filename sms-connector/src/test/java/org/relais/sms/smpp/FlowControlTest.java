package org.relais.sms.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The slow-down on throttling, read from the allowed rate against a clock the test moves. */
class FlowControlTest {

  private final AtomicLong now = new AtomicLong(-5_000_000_000L);
  private final FlowControl flow = new FlowControl(10, 100, now::get);

  private void advanceMs(long ms) {
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
  }

  @Test
  void shouldAllowTheConfiguredRateAtStart() {
    assertThat(flow.allowedRate()).isEqualTo(100.0);
    assertThat(flow.pauseLeftNanos()).isNotPositive();
  }

  @Test
  void shouldHalveTheAllowedRateAndPauseWhenThrottled() {
    flow.throttled("ESME_RTHROTTLED");
    assertThat(flow.allowedRate()).isEqualTo(50.0);
    assertThat(flow.pauseLeftNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
  }

  @Test
  void shouldNotHalveAgainForAThrottleInsideThePause() {
    flow.throttled("first");
    advanceMs(99);
    flow.throttled("same window");
    assertThat(flow.allowedRate()).isEqualTo(50.0);
    assertThat(flow.pauseLeftNanos()).as("the pause is not extended").isEqualTo(TimeUnit.MILLISECONDS.toNanos(1));
  }

  @Test
  void shouldHalveAgainAndDoubleThePauseWhenThrottlingGoesOnAfterThePause() {
    flow.throttled("first");
    advanceMs(100);
    flow.throttled("again");
    assertThat(flow.allowedRate()).isEqualTo(25.0);
    assertThat(flow.pauseLeftNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
  }

  @Test
  void shouldClimbBackByOnePercentOfTpsPerAcceptedSubmitUpToTps() {
    flow.throttled("throttled");
    for (int i = 0; i < 10; i++) {
      flow.accepted();
    }
    assertThat(flow.allowedRate()).isEqualTo(60.0, org.assertj.core.data.Offset.offset(1e-9));
    for (int i = 0; i < 100; i++) {
      flow.accepted();
    }
    assertThat(flow.allowedRate()).isEqualTo(100.0);
  }

  @Test
  void shouldStartTheBackOffAgainFromItsMinimumAfterAnAcceptedSubmit() {
    flow.throttled("first");
    advanceMs(100);
    flow.throttled("second");
    advanceMs(200);
    flow.accepted();
    flow.throttled("third");
    assertThat(flow.pauseLeftNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
  }

  @Test
  void shouldNotGoBelowOneSubmitASecond() {
    for (int i = 0; i < 20; i++) {
      flow.throttled("storm");
      advanceMs(20_000);
    }
    assertThat(flow.allowedRate()).isEqualTo(1.0);
  }
}
