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
 * The parts of a long text as an SMSC may deliver them (any order, repeated, missing, each in its
 * own alphabet, UCS2 cut inside a surrogate pair, GSM inside an escape): joined without failing.
 */
class InboundPartsFuzzTest {

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
