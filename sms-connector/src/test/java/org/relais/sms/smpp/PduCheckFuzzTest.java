package org.relais.sms.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Whatever bytes arrive as a deliver_sm or data_sm, the check answers a status and reads nothing outside them. */
class PduCheckFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void shouldCheckAnyPduWithoutFailing(byte[] pdu) {
    assertThat(PduCheck.deliverSm(pdu)).isGreaterThanOrEqualTo(0);
    assertThat(PduCheck.dataSm(pdu)).isGreaterThanOrEqualTo(0);
  }
}
