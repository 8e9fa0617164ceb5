package org.relais.sms.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.relais.sms.receipt.ReceiptStatus.Outcome;

class ReceiptStatusTest {

  @ParameterizedTest(name = "stat:{0} -> {1} ({2})")
  @CsvSource({
    "DELIVRD, DELIVERED,     DELIVERED",
    "EXPIRED, EXPIRED,       EXPIRED",
    "DELETED, DELETED,       FAILED",
    "UNDELIV, UNDELIVERABLE, FAILED",
    "ACCEPTD, ACCEPTED,      PENDING",
    "UNKNOWN, UNKNOWN,       PENDING",
    "REJECTD, REJECTED,      REJECTED",
    "ENROUTE, ENROUTE,       PENDING",
    "SKIPPED, SKIPPED,       FAILED",
    "delivrd, DELIVERED,     DELIVERED",
    "DELIVERED, DELIVERED,   DELIVERED",
    "UNDELIVERABLE, UNDELIVERABLE, FAILED",
    "FAILED,  UNDELIVERABLE, FAILED",
  })
  void shouldMapEachStatWord(String stat, ReceiptStatus status, Outcome outcome) {
    assertThat(ReceiptStatus.ofStat(stat)).contains(status);
    assertThat(status.outcome()).isEqualTo(outcome);
  }

  @ParameterizedTest(name = "message_state {0} -> {1}")
  @CsvSource({"1, ENROUTE", "2, DELIVERED", "3, EXPIRED", "4, DELETED", "5, UNDELIVERABLE", "6, ACCEPTED",
      "7, UNKNOWN", "8, REJECTED", "9, SKIPPED"})
  void shouldMapEachMessageState(int value, ReceiptStatus status) {
    assertThat(ReceiptStatus.ofMessageState(value)).contains(status);
  }

  @ParameterizedTest
  @CsvSource({"'', 0", "BOGUS, 42"})
  void shouldNotGuessUnknownStates(String stat, int state) {
    assertThat(ReceiptStatus.ofStat(stat)).isEqualTo(Optional.empty());
    assertThat(ReceiptStatus.ofMessageState(state)).isEmpty();
  }
}
