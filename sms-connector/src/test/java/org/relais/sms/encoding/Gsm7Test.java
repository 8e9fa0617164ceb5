package org.relais.sms.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Gsm7Test {

  @Test
  void shouldRoundTripEveryBasicAndExtensionCharacter() {
    String all = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿"
        + "abcdefghijklmnopqrstuvwxyzäöñüà^{}\\[~]|€\f";
    byte[] septets = Gsm7.encode(all);
    assertThat(Gsm7.decode(septets, 0, septets.length)).isEqualTo(all);
  }

  @Test
  void shouldCountExtensionCharactersTwice() {
    assertThat(Gsm7.septetCount("abc")).isEqualTo(3);
    assertThat(Gsm7.septetCount("€[]")).isEqualTo(6);
    assertThat(Gsm7.encode("€")).containsExactly(0x1B, 0x65);
  }

  @Test
  void shouldRefuseFrenchLettersOutsideTheAlphabet() {
    for (String c : new String[] {"â", "ê", "î", "ô", "û", "ë", "ï", "ç", "œ", "«", "»", "ش"}) {
      assertThat(Gsm7.canEncode(c)).as(c).isFalse();
      assertThat(Gsm7.septetCount(c)).as(c).isEqualTo(-1);
    }
    assertThatThrownBy(() -> Gsm7.encode("ça")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+00E7");
  }

  @Test
  void shouldReadAnUnknownEscapeAsTheBasicCharacter() {
    byte[] data = {0x1B, 0x41};
    assertThat(Gsm7.decode(data, 0, 2)).isEqualTo("A");
  }

  @Test
  void shouldUnpackPackedSeptets() {
    // "hello" packed in 7 bits: E8 32 9B FD 06
    byte[] packed = {(byte) 0xE8, 0x32, (byte) 0x9B, (byte) 0xFD, 0x06};
    byte[] septets = Gsm7.unpack(packed, 0, packed.length, 5, 0);
    assertThat(Gsm7.decode(septets, 0, septets.length)).isEqualTo("hello");
  }
}
