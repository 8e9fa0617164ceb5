package org.relais.gateway.telephony.ami;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Whatever comes from an AMI peer is cut into a banner and packets, or reported as a fault; nothing escapes. */
class AmiDecoderFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void shouldCutAnyStreamIntoPacketsOrAFault(byte[] input) {
    List<AmiPacket> packets = new ArrayList<>();
    List<String> faults = new ArrayList<>();
    AmiDecoder decoder = new AmiDecoder(new AmiDecoder.Listener() {
      @Override
      public void banner(String version) {
        assertThat(version).isNotNull();
      }

      @Override
      public void packet(AmiPacket packet) {
        packets.add(packet);
      }
    }, 64, faults::add);
    for (String line : new String(input, StandardCharsets.UTF_8).split("\n", -1)) {
      decoder.line(line);
    }
    assertThat(packets).allSatisfy(p -> assertThat(p.fields()).isNotEmpty().hasSizeLessThanOrEqualTo(64));
    assertThat(faults).allSatisfy(f -> assertThat(f).isNotBlank());
  }
}
