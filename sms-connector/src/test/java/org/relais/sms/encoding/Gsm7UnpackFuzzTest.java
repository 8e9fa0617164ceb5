package org.relais.sms.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** Packed GSM 7-bit user data of any length and fill: unpacked to as many septets, decoded without failing. */
class Gsm7UnpackFuzzTest {

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
}
