package org.relais.sms.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * What an SMSC may put in a short_message, read as Relais reads it: the user data header and its
 * concatenation element, then the text in the alphabet the data_coding names (GSM 7-bit, UCS2,
 * Latin-1...). Whatever the bytes, no exception escapes and every offset stays inside the data.
 */
class UserDataFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void shouldReadAnyUserDataWithoutFailing(FuzzedDataProvider data) {
    int dataCoding = data.consumeInt(0, 255);
    byte[] userData = data.consumeRemainingAsBytes();
    int offset = UserDataHeader.length(userData);
    assertThat(offset).isBetween(0, userData.length);
    UserDataHeader.concat(userData).ifPresent(c -> {
      if (c.isPart()) {
        assertThat(c.number()).isBetween(1, c.total());
      }
    });
    Alphabet alphabet = Alphabet.of(dataCoding, Alphabet.GSM7);
    assertThat(alphabet.decode(userData, offset, userData.length - offset)).isNotNull();
  }
}
