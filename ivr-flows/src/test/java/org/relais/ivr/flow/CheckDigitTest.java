package org.relais.ivr.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckDigitTest {

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
    "VERHOEFF, 236, 3",
    "VERHOEFF, 12345, 1",
    "VERHOEFF, 142857, 0",
    "LUHN, 7992739871, 3",
    "LUHN, 4539148803436, 4",
    "LUHN, 0, 0",
  })
  void shouldComputeTheCheckDigitOfKnownNumbers(CheckDigit scheme, String body, int digit) {
    assertThat(scheme.compute(body)).isEqualTo(digit);
    assertThat(scheme.isValid(body + digit)).isTrue();
    assertThat(scheme.isValid(body + (digit + 1) % 10)).isFalse();
  }

  @Test
  void shouldCatchEverySingleTypoWhenTheNumberIsChecked() {
    for (CheckDigit scheme : new CheckDigit[] {CheckDigit.VERHOEFF, CheckDigit.LUHN}) {
      String number = "40213377" + scheme.compute("40213377");
      for (int i = 0; i < number.length(); i++) {
        for (char d = '0'; d <= '9'; d++) {
          if (d != number.charAt(i)) {
            String typo = number.substring(0, i) + d + number.substring(i + 1);
            assertThat(scheme.isValid(typo)).as("%s typo %s", scheme, typo).isFalse();
          }
        }
      }
    }
  }

  @Test
  void shouldCatchTheSwapLuhnMissesWhenTheSchemeIsVerhoeff() {
    String luhn = "1090" + CheckDigit.LUHN.compute("1090");
    assertThat(CheckDigit.LUHN.isValid("1900" + luhn.charAt(4))).as("Luhn misses 09 <-> 90").isTrue();
    String verhoeff = "1090" + CheckDigit.VERHOEFF.compute("1090");
    assertThat(CheckDigit.VERHOEFF.isValid("1900" + verhoeff.charAt(4))).isFalse();
  }

  @Test
  void shouldRefuseWhatIsNotANumberWhenValidating() {
    for (CheckDigit scheme : CheckDigit.values()) {
      assertThat(scheme.isValid(null)).isFalse();
      assertThat(scheme.isValid("7")).isFalse();
      assertThat(scheme.isValid("12a4")).isFalse();
    }
    assertThat(CheckDigit.NONE.isValid("1234")).isTrue();
  }
}
