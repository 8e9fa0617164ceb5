package org.relais.gateway.cases;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class TrackingNumbersTest {

  @Test
  void shouldComputeTheKnownVerhoeffCheckDigit() {
    assertThat(TrackingNumbers.checkDigit("236")).isEqualTo(3);
    assertThat(TrackingNumbers.isValid("2363")).isTrue();
    assertThat(TrackingNumbers.isValid("2364")).isFalse();
  }

  @RepeatedTest(20)
  void shouldCatchEverySingleMistypedDigitAndEverySwapOfNeighbours() {
    String number = TrackingNumbers.next(8);
    assertThat(number).hasSize(8).doesNotStartWith("0");
    assertThat(TrackingNumbers.isValid(number)).isTrue();
    char[] digits = number.toCharArray();
    for (int i = 0; i < digits.length; i++) {
      for (char d = '0'; d <= '9'; d++) {
        if (d != digits[i]) {
          char[] typo = digits.clone();
          typo[i] = d;
          assertThat(TrackingNumbers.isValid(new String(typo))).as("typo at %d in %s", i, number).isFalse();
        }
      }
      if (i + 1 < digits.length && digits[i] != digits[i + 1]) {
        char[] swap = digits.clone();
        swap[i] = digits[i + 1];
        swap[i + 1] = digits[i];
        assertThat(TrackingNumbers.isValid(new String(swap))).as("swap at %d in %s", i, number).isFalse();
      }
    }
  }

  @Test
  void shouldRefuseWhatIsNotANumber() {
    assertThat(TrackingNumbers.isValid(null)).isFalse();
    assertThat(TrackingNumbers.isValid("4021337A")).isFalse();
    assertThat(TrackingNumbers.isValid("7")).isFalse();
  }
}
