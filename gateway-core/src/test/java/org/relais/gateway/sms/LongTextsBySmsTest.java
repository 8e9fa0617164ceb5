package org.relais.gateway.sms;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudhopper.smpp.pdu.DeliverSm;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.relais.gateway.NoBlockedEventLoops;
import org.relais.gateway.TestGateway;
import org.relais.sms.InboundPart;
import org.relais.sms.smpp.TestSmsc;

/**
 * A long complaint texted in parts, end to end over sockets (cloudhopper SMSC, real HTTP core
 * stub): it opens one case with the whole text, whatever the parts' form and order, through a
 * restart between the parts, and with what came when a part never does.
 */
@Timeout(60)
@ExtendWith(NoBlockedEventLoops.class)
class LongTextsBySmsTest {

  private static final String ARABIC = "شكاية انقطاع الماء في حي النصر منذ ثلاثة أيام والعداد يواصل الدوران رغم أن "
      + "الحنفيات مغلقة، نطلب تدخلا عاجلا من المصالح المختصة قبل نهاية الأسبوع وشكرا.";
  private static final String FRENCH = "PLAINTE fuite d'eau importante devant le 12 rue de Marseille depuis lundi "
      + "matin, l'eau coule sur le trottoir et gèle la nuit; les voisins ont déjà appelé deux fois sans réponse.";

  @TempDir
  Path dir;
  private TestGateway relais;

  @AfterEach
  void stop() throws Exception {
    if (relais != null) {
      relais.close();
    }
  }

  private void deliver(List<DeliverSm> parts) throws Exception {
    for (DeliverSm part : parts) {
      assertThat(relais.smsc.deliver(part, 10_000)).as("each part acknowledged once committed").isZero();
    }
  }

  private void assertOneCaseWith(String description) throws Exception {
    TestGateway.await("the core has the case", 15_000, () -> relais.core.cases().size() == 1);
    assertThat(relais.core.received()).singleElement()
        .satisfies(c -> assertThat(c.getString("description")).isEqualTo(description));
    relais.smsc.awaitTexts(1, 15_000);
    Thread.sleep(300);
    assertThat(relais.query("SELECT id FROM cases")).hasSize(1);
    assertThat(relais.smsc.texts()).as("one acknowledgement, no help text for a lone part").hasSize(1);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(TestSmsc.Parts.class)
  void shouldOpenOneCaseForALongArabicComplaintInParts(TestSmsc.Parts form) throws Exception {
    relais = TestGateway.start(dir);
    List<DeliverSm> parts = TestSmsc.parts("+21620123456", "1234", ARABIC, form, 0x3A7, 67, 67);
    deliver(List.of(parts.get(2), parts.get(0), parts.get(1)));
    assertOneCaseWith(ARABIC.substring("شكاية ".length()));
    assertThat(relais.query("SELECT body, parts, missing_parts FROM inbound")).singleElement()
        .satisfies(row -> {
          assertThat(row.get("body")).isEqualTo(ARABIC);
          assertThat(row.get("parts")).isEqualTo(3);
          assertThat(row.get("missing_parts")).isEqualTo(0);
        });
    assertThat(relais.smsc.texts().getFirst().text()).startsWith("تم تسجيل شكايتكم");
  }

  @Test
  void shouldCountARedeliveredPartOnce() throws Exception {
    relais = TestGateway.start(dir);
    List<DeliverSm> parts = TestSmsc.parts("+21620123456", "1234", FRENCH, TestSmsc.Parts.UDH8, 0x11, 153);
    deliver(List.of(parts.get(0)));
    deliver(TestSmsc.parts("+21620123456", "1234", FRENCH, TestSmsc.Parts.UDH8, 0x11, 153).subList(0, 1));
    deliver(List.of(parts.get(1)));
    assertOneCaseWith(FRENCH.substring("PLAINTE ".length()));
    assertThat(relais.query("SELECT number FROM inbound_parts")).hasSize(2);
  }

  @Test
  void shouldKeepAnAcknowledgedPartThroughARestart() throws Exception {
    relais = TestGateway.start(dir);
    List<DeliverSm> parts = TestSmsc.parts("+21620123456", "1234", FRENCH, TestSmsc.Parts.UDH16, 0xBEEF, 153);
    deliver(List.of(parts.get(0)));
    relais = relais.restart();
    relais.smsc.awaitBound(10_000);
    deliver(List.of(parts.get(1)));
    assertOneCaseWith(FRENCH.substring("PLAINTE ".length()));
  }

  @Test
  void shouldDeliverWhatCameWhenAPartNeverDoes() throws Exception {
    relais = TestGateway.start(dir, Map.of("RELAIS_SMPP_MO_REASSEMBLY_TIMEOUT", "1s"));
    List<DeliverSm> parts = TestSmsc.parts("+21620123456", "1234", FRENCH, TestSmsc.Parts.SAR, 0x77, 60, 60);
    deliver(List.of(parts.get(0), parts.get(2)));
    TestGateway.await("the incomplete text", 15_000, () -> {
      try {
        return relais.query("SELECT id FROM inbound WHERE missing_parts = 1").size() == 1;
      } catch (Exception e) {
        return false;
      }
    });
    String expected = FRENCH.substring("PLAINTE ".length(), 60) + InboundPart.MISSING + FRENCH.substring(120);
    assertOneCaseWith(expected);
    deliver(List.of(parts.get(1)));
    Thread.sleep(300);
    assertThat(relais.query("SELECT id FROM cases")).as("the late part opens nothing").hasSize(1);
    assertThat(relais.query("SELECT inbound_id FROM inbound_parts WHERE number = 2")).singleElement()
        .satisfies(row -> assertThat(row.get("inbound_id")).as("kept with its text").isNotNull());
  }
}
