package org.relais.gateway.subscribers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneNumbersTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "null", value = {
      "+21620123456          | +21620123456",
      "'+216 20 123 456'     | +21620123456",
      "'(+216) 20-123.456'   | +21620123456",
      "00216.20.12.34.56     | +21620123456",
      "'06-12 34.56 78'      | 0612345678",
      "112                   | 112",
      "12                    | null",
      "+                     | null",
      "'  '                  | null",
      "2162012345678901      | null",
      "+2162O123456          | null",
      "'+216 20 123 456 ext' | null",
      "null                  | null"})
  void shouldNormaliseWhatPeopleTypeAndRefuseWhatIsNoNumber(String raw, String normalised) {
    assertThat(PhoneNumbers.normalize(raw)).isEqualTo(java.util.Optional.ofNullable(normalised));
  }

  @Test
  void shouldDropEveryKindOfWhiteSpaceAUserCanPaste() {
    assertThat(PhoneNumbers.normalize("\t06 12\n34\r56\f78\013")).contains("0612345678");
    assertThat(PhoneNumbers.normalize("06\u00a012\u00a034\u202f56\u202f78")).as("no-break spaces, as French typing puts")
        .contains("0612345678");
  }

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
