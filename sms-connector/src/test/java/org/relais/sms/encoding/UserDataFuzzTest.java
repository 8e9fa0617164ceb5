package org.relais.sms.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.relais.sms.InboundPart;
import org.relais.sms.InboundSms;

/**
 * What an SMSC may put in a short_message, read as Relais reads it: the user data header and its
 * concatenation element, then the text in the alphabet the data_coding names (GSM 7-bit, UCS2,
 * Latin-1...), then the parts of a long text joined. Whatever the bytes, no exception escapes and
 * every offset stays inside the data.
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

  @FuzzTest(maxDuration = "10s")
  void shouldUnpackAnySeptets(FuzzedDataProvider data) {
    int fillBits = data.consumeInt(0, 6);
    int septets = data.consumeInt(0, 300);
    byte[] packed = data.consumeRemainingAsBytes();
    int needed = (septets * 7 + fillBits + 7) / 8;
    if (needed > packed.length) {
      return;
    }
    byte[] unpacked = Gsm7.unpack(packed, 0, packed.length, septets, fillBits);
    assertThat(unpacked).hasSize(septets);
    assertThat(Gsm7.decode(unpacked, 0, unpacked.length)).isNotNull();
  }

  @FuzzTest(maxDuration = "10s")
  void shouldJoinAnyPartsOfOneText(FuzzedDataProvider data) {
    int total = data.consumeInt(1, 6);
    List<InboundPart> parts = new ArrayList<>();
    int count = data.consumeInt(1, 8);
    for (int i = 0; i < count; i++) {
      Alphabet alphabet = data.pickValue(new Alphabet[] {Alphabet.GSM7, Alphabet.UCS2, Alphabet.LATIN1});
      parts.add(new InboundPart("smsc", "+21620123456", "1234", "g", data.consumeInt(1, total), total, alphabet,
          data.consumeBytes(data.consumeInt(0, 160)), "k" + data.consumeInt(0, 3), Instant.EPOCH));
    }
    InboundSms joined = InboundPart.join(parts);
    assertThat(joined.text()).isNotNull();
  }
}
