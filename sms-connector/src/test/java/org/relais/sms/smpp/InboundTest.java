package org.relais.sms.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.pdu.DataSm;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.tlv.Tlv;
import com.cloudhopper.smpp.type.Address;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.relais.sms.InboundSms;

/** What citizens send, delivered by a cloudhopper SMSC over a socket: every data_coding, every way of cutting a long text. */
@Timeout(30)
class InboundTest {

  private static final String LONG_ARABIC = "شكاية: انقطاع الماء في حي النصر منذ ثلاثة أيام، والعدّاد يواصل الدوران رغم "
      + "أن الحنفيات مغلقة. نطلب تدخلا عاجلا من المصالح المختصة قبل نهاية الأسبوع.";
  private static final String LONG_FRENCH = "PLAINTE fuite d'eau importante devant le 12 rue de Marseille depuis "
      + "lundi matin, l'eau coule sur le trottoir et gèle la nuit; les voisins ont déjà appelé deux fois sans réponse.";

  private TestSmsc smsc;
  private RecordingPort port;
  private SmppBind bind;

  @BeforeEach
  void start() throws Exception {
    smsc = TestSmsc.start();
    port = new RecordingPort();
    bind = new SmppBind(BindConfig.of("test", "127.0.0.1", smsc.port(), "relais", "secret"), port);
    bind.start();
    assertThat(bind.awaitBound(Duration.ofSeconds(10))).isTrue();
  }

  @AfterEach
  void stop() {
    bind.stop(Duration.ofSeconds(2));
    smsc.close();
  }

  private InboundSms only() {
    assertThat(port.texts()).hasSize(1);
    return port.texts().getFirst();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(TestSmsc.Parts.class)
  void shouldJoinALongArabicTextSentInParts(TestSmsc.Parts form) throws Exception {
    List<DeliverSm> parts = TestSmsc.parts("+21620123456", "1234", LONG_ARABIC, form, 0x1F3, 67, 67);
    Collections.reverse(parts);
    for (DeliverSm part : parts) {
      assertThat(smsc.deliver(part, 10_000)).isZero();
    }
    InboundSms sms = only();
    assertThat(sms.text()).isEqualTo(LONG_ARABIC);
    assertThat(sms.parts()).isEqualTo(3);
    assertThat(sms.isComplete()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(TestSmsc.Parts.class)
  void shouldJoinALongFrenchGsmTextAndCountADuplicatePartOnce(TestSmsc.Parts form) throws Exception {
    List<DeliverSm> parts = TestSmsc.parts("+21620123456", "1234", LONG_FRENCH, form, 0x42, 153);
    assertThat(smsc.deliver(parts.get(0), 10_000)).isZero();
    assertThat(smsc.deliver(TestSmsc.parts("+21620123456", "1234", LONG_FRENCH, form, 0x42, 153).get(0), 10_000))
        .as("the same part again: acknowledged").isZero();
    assertThat(port.texts()).isEmpty();
    assertThat(smsc.deliver(parts.get(1), 10_000)).isZero();
    assertThat(only().text()).isEqualTo(LONG_FRENCH);
  }

  @Test
  void shouldKeepTwoMessagesWithTheSameReferenceFromTwoSendersApart() throws Exception {
    List<DeliverSm> a = TestSmsc.parts("+21620000001", "1234", "PLAINTE premier message", TestSmsc.Parts.UDH8, 7, 8);
    List<DeliverSm> b = TestSmsc.parts("+21620000002", "1234", "PLAINTE second message", TestSmsc.Parts.UDH8, 7, 8);
    List<DeliverSm> all = new ArrayList<>(List.of(a.get(0), b.get(0), b.get(1), a.get(1)));
    for (DeliverSm part : all) {
      assertThat(smsc.deliver(part, 10_000)).isZero();
    }
    assertThat(port.texts()).extracting(InboundSms::text)
        .containsExactly("PLAINTE second message", "PLAINTE premier message");
  }

  @ParameterizedTest(name = "data_coding {0} ({1})")
  @CsvSource({
    "0, GSM",
    "1, US-ASCII",
    "3, ISO-8859-1",
    "4, ISO-8859-1",
    "8, UTF-16BE",
  })
  void shouldDecodeEachDataCoding(int dataCoding, String charset) throws Exception {
    String text = dataCoding == 1 ? "PLAINTE facture" : dataCoding == 8 ? "شكوى فاتورة" : "PLAINTE facture élevée";
    byte[] body = charset.equals("GSM")
        ? com.cloudhopper.commons.charset.CharsetUtil.encode(text, com.cloudhopper.commons.charset.CharsetUtil.CHARSET_GSM)
        : text.getBytes(Charset.forName(charset));
    assertThat(smsc.deliver(TestSmsc.deliverSm("+21620123456", "1234", (byte) dataCoding, body), 10_000)).isZero();
    assertThat(only().text()).isEqualTo(text);
  }

  @Test
  void shouldTakeATextSentAsDataSmWithItsPayload() throws Exception {
    DataSm pdu = new DataSm();
    pdu.setSourceAddress(new Address((byte) 1, (byte) 1, "21620123456"));
    pdu.setDestAddress(new Address((byte) 0, (byte) 0, "1234"));
    pdu.setDataCoding((byte) 8);
    pdu.addOptionalParameter(new Tlv(SmppConstants.TAG_MESSAGE_PAYLOAD, LONG_ARABIC.getBytes(StandardCharsets.UTF_16BE)));
    assertThat(smsc.deliver(pdu, 10_000)).isZero();
    InboundSms sms = only();
    assertThat(sms.text()).isEqualTo(LONG_ARABIC);
    assertThat(sms.source()).isEqualTo("+21620123456");
  }

  @Test
  void shouldTakeAReceiptSentAsDataSmWithTlvsOnly() throws Exception {
    DataSm pdu = new DataSm();
    pdu.setSourceAddress(new Address((byte) 1, (byte) 1, "21620123456"));
    pdu.setDestAddress(new Address((byte) 0, (byte) 0, "1234"));
    pdu.setEsmClass((byte) 0x04);
    pdu.addOptionalParameter(new Tlv(SmppConstants.TAG_RECEIPTED_MSG_ID, "0A3F\0".getBytes(StandardCharsets.US_ASCII)));
    pdu.addOptionalParameter(new Tlv(SmppConstants.TAG_MSG_STATE, new byte[] {2}));
    assertThat(smsc.deliver(pdu, 10_000)).isZero();
    assertThat(port.received()).singleElement().satisfies(r -> {
      assertThat(r.receipt().canonicalId()).isEqualTo("A3F");
      assertThat(r.scope()).isEqualTo("default");
      assertThat(r.bind()).isEqualTo("test");
    });
    assertThat(port.texts()).isEmpty();
  }
}
