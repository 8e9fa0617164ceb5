package org.relais.gateway.telephony.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueueSummaryTest {

  @ParameterizedTest(name = "{0} agents, {1} free, {2} callers, hold {3}s, talk {4}s -> {5}s")
  @CsvSource({
    "2, 1, 0, 30, 200, 0",
    "2, 0, 0, 30, 200, 100",
    "3, 0, 5, 40, 180, 360",
    "3, 0, 5, 900, 180, 900",
    "1, 0, 1, 0, 0, 0",
    "0, 0, 3, 0, 0, 86400",
  })
  void shouldExpectAWaitFromTheAgentsAndCallersOfTheQueue(int loggedIn, int available, int callers, int hold, int talk,
      long seconds) {
    QueueSummary q = new QueueSummary("billing", loggedIn, available, callers, hold, talk, hold);
    assertThat(q.expectedWait()).isEqualTo(Duration.ofSeconds(seconds));
  }

  @ParameterizedTest(name = "Response {0}, Reason {1} -> {2}")
  @CsvSource({
    "Success, 4, ANSWERED",
    "Failure, 0, FAILED",
    "Failure, 1, NO_ANSWER",
    "Failure, 3, NO_ANSWER",
    "Failure, 5, BUSY",
    "Failure, 8, CONGESTION",
    "Failure, 4, FAILED",
    "Failure, 42, FAILED",
  })
  void shouldMapTheOriginateResponseRowByRow(String response, int reason, OriginateOutcome outcome) {
    assertThat(OriginateOutcome.of(response, reason)).isEqualTo(outcome);
  }
}
