package org.relais.gateway.subscribers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneNumbersTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "+21620123456 | +21620****56",
      "21620123456  | 2162*****56",
      "+33612345678 | +33612****78",
      "0612345678   | 0612****78",
      "12345        | 1**45",
      "1234         | ****",
      "''           | -"})
  void shouldKeepOnlyTheStartAndTheLastTwoDigitsInLogs(String number, String masked) {
    assertThat(PhoneNumbers.mask(number)).isEqualTo(masked);
  }
}
