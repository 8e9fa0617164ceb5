package org.relais.gateway.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.relais.gateway.telephony.ami.OriginateOutcome;

/** The table from an Originate outcome to the recipient's state, row by row. */
class AlertDialerTest {

  @ParameterizedTest(name = "{0} on attempt {1} of {2} -> {3}")
  @CsvSource({
      "ANSWERED,   1, 3, ANSWERED",
      "ANSWERED,   3, 3, ANSWERED",
      "BUSY,       1, 3, PENDING",
      "BUSY,       3, 3, FAILED",
      "NO_ANSWER,  2, 3, PENDING",
      "NO_ANSWER,  3, 3, FAILED",
      "CONGESTION, 1, 3, PENDING",
      "CONGESTION, 1, 1, FAILED",
      "FAILED,     1, 3, FAILED"})
  void shouldMapEachOutcomeToTheRecipientsNextState(OriginateOutcome outcome, int attempt, int max,
      RecipientState expected) {
    assertThat(AlertDialer.next(outcome, attempt, max)).isEqualTo(expected);
  }
}
