package org.relais.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relais.sms.encoding.Alphabet;
import org.relais.sms.encoding.Gsm7;

class InboundPartTest {

  private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

  private static InboundPart part(int number, int total, Alphabet alphabet, byte[] body) {
    return new InboundPart("smsc", "+21620123456", "1234", "g", number, total, alphabet, body, "k" + number,
        T.plusSeconds(number));
  }

  @Test
  void shouldJoinPartsInTheirOrderWhateverTheOrderTheyCameIn() {
    InboundSms sms = InboundPart.join(List.of(
        part(3, 3, Alphabet.GSM7, Gsm7.encode("rue X")),
        part(1, 3, Alphabet.GSM7, Gsm7.encode("PLAINTE ")),
        part(2, 3, Alphabet.GSM7, Gsm7.encode("fuite d'eau "))));
    assertThat(sms.text()).isEqualTo("PLAINTE fuite d'eau rue X");
    assertThat(sms.parts()).isEqualTo(3);
    assertThat(sms.isComplete()).isTrue();
    assertThat(sms.receivedAt()).isEqualTo(T.plusSeconds(3));
  }

  @Test
  void shouldDecodeAnEscapeSequenceCutBetweenTwoParts() {
    byte[] all = Gsm7.encode("prix: 10€ par mois");
    int cut = 9;
    assertThat(all[cut - 1]).as("the escape ends part 1").isEqualTo((byte) Gsm7.ESCAPE);
    InboundSms sms = InboundPart.join(List.of(part(1, 2, Alphabet.GSM7, Arrays.copyOfRange(all, 0, cut)),
        part(2, 2, Alphabet.GSM7, Arrays.copyOfRange(all, cut, all.length))));
    assertThat(sms.text()).isEqualTo("prix: 10€ par mois");
  }

  @Test
  void shouldDecodeASurrogatePairCutBetweenTwoParts() {
    byte[] all = "شكاية 😀 ماء".getBytes(StandardCharsets.UTF_16BE);
    int cut = 14;
    InboundSms sms = InboundPart.join(List.of(part(1, 2, Alphabet.UCS2, Arrays.copyOfRange(all, 0, cut)),
        part(2, 2, Alphabet.UCS2, Arrays.copyOfRange(all, cut, all.length))));
    assertThat(sms.text()).isEqualTo("شكاية 😀 ماء");
  }

  @Test
  void shouldMarkAndCountMissingPartsAndIgnoreADuplicate() {
    InboundSms sms = InboundPart.join(List.of(
        part(2, 4, Alphabet.GSM7, Gsm7.encode("deux")),
        part(2, 4, Alphabet.GSM7, Gsm7.encode("deux")),
        part(4, 4, Alphabet.GSM7, Gsm7.encode("quatre"))));
    assertThat(sms.text()).isEqualTo(InboundPart.MISSING + "deux" + InboundPart.MISSING + "quatre");
    assertThat(sms.parts()).isEqualTo(2);
    assertThat(sms.missingParts()).isEqualTo(2);
    assertThat(sms.isComplete()).isFalse();
  }

  @Test
  void shouldDecodeEachPartInItsOwnAlphabetWhenTheyDiffer() {
    InboundSms sms = InboundPart.join(List.of(
        part(1, 2, Alphabet.GSM7, Gsm7.encode("PLAINTE ")),
        part(2, 2, Alphabet.UCS2, "ماء".getBytes(StandardCharsets.UTF_16BE))));
    assertThat(sms.text()).isEqualTo("PLAINTE ماء");
  }
}
