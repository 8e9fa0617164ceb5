package org.relais.sms.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PduCheckTest {

  @Test
  void shouldPassAWellFormedDeliverSmAndDataSm() {
    assertThat(PduCheck.deliverSm(RawPdus.deliverSm(7, "21620123456", "1234", (byte) 0, "PLAINTE".getBytes(),
        RawPdus.tlv(0x020C, new byte[] {0, 1})))).isZero();
    assertThat(PduCheck.dataSm(RawPdus.dataSm(7, "21620123456", "1234", (byte) 0,
        RawPdus.tlv(0x0424, "PLAINTE".getBytes())))).isZero();
  }

  @Test
  void shouldFaultAShortMessageLongerThanThePdu() {
    byte[] pdu = RawPdus.deliverSm(7, "21620123456", "1234", (byte) 0, "PLAINTE".getBytes());
    byte[] cut = RawPdus.withLength(Arrays.copyOf(pdu, pdu.length - 3));
    assertThat(PduCheck.deliverSm(cut)).isEqualTo(CommandStatus.ESME_RINVMSGLEN);
  }

  @Test
  void shouldFaultAStringWithoutItsEnd() {
    byte[] pdu = RawPdus.withLength(new byte[] {0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 7, 'a', 'b'});
    assertThat(PduCheck.deliverSm(pdu)).isEqualTo(CommandStatus.ESME_RINVMSGLEN);
  }

  @Test
  void shouldFaultATruncatedTlv() {
    byte[] pdu = RawPdus.deliverSm(7, "21620123456", "1234", (byte) 0, "x".getBytes(),
        RawPdus.tlv(0x0424, "PLAINTE fuite".getBytes()));
    assertThat(PduCheck.deliverSm(RawPdus.withLength(Arrays.copyOf(pdu, pdu.length - 4))))
        .isEqualTo(CommandStatus.ESME_RINVOPTPARSTREAM);
    assertThat(PduCheck.deliverSm(RawPdus.withLength(Arrays.copyOf(pdu, pdu.length - 13 - 2))))
        .as("a TLV header cut short").isEqualTo(CommandStatus.ESME_RINVOPTPARSTREAM);
  }
}
