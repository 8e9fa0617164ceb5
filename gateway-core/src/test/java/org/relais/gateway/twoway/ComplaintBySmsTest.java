package org.relais.gateway.twoway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.relais.gateway.NoBlockedEventLoops;
import org.relais.gateway.TestGateway;
import org.relais.gateway.cases.TrackingNumbers;

/**
 * The thin SMS path end to end, over sockets: a citizen's text reaches Relais from an SMSC built on
 * cloudhopper, is committed before the SMSC is answered, becomes a case handed to a real HTTP core
 * stub, and the citizen gets the acknowledgement in the language of the keyword.
 */
@Timeout(60)
@ExtendWith(NoBlockedEventLoops.class)
class ComplaintBySmsTest {

  private static final Pattern TRACKING = Pattern.compile("(\\d{8})");

  @TempDir
  Path dir;
  private TestGateway relais;

  @BeforeEach
  void start() throws Exception {
    relais = TestGateway.start(dir);
  }

  @AfterEach
  void stop() throws Exception {
    relais.close();
  }

  private int citizenSends(String from, String text) throws Exception {
    return relais.citizenSends(from, text);
  }

  private String replyTo(String msisdn, int index) throws Exception {
    return relais.reply(msisdn, index).text();
  }

  @Test
  void shouldOpenACaseAndAcknowledgeItInFrench() throws Exception {
    int status = citizenSends("+21620123456", "PLAINTE fuite d'eau rue de Marseille");
    assertThat(status).isZero();
    assertThat(relais.query("SELECT body, source FROM inbound"))
        .as("committed before the deliver_sm_resp")
        .singleElement()
        .satisfies(row -> {
          assertThat(row.get("body")).isEqualTo("PLAINTE fuite d'eau rue de Marseille");
          assertThat(row.get("source")).isEqualTo("+21620123456");
        });

    String ack = replyTo("+21620123456", 0);
    Matcher m = TRACKING.matcher(ack);
    assertThat(m.find()).as(ack).isTrue();
    String tracking = m.group(1);
    assertThat(TrackingNumbers.isValid(tracking)).isTrue();
    assertThat(ack).startsWith("Votre réclamation est enregistrée sous le numéro " + tracking)
        .contains("Réponse prévue sous 3 jours");

    TestGateway.await("the core has the case", 10_000, () -> relais.core.cases().size() == 1);
    JsonObject sent = relais.core.received().getFirst();
    assertThat(sent.getString("channel")).isEqualTo("sms");
    assertThat(sent.getString("category")).as("FUITE names water").isEqualTo("water");
    assertThat(sent.getString("msisdn")).isEqualTo("+21620123456");
    assertThat(sent.getString("language")).isEqualTo("fr");
    assertThat(sent.getString("description")).isEqualTo("fuite d'eau rue de Marseille");
    assertThat(sent.getString("tracking_number")).isEqualTo(tracking);
    assertThat(relais.query("SELECT core_id, handoff_state FROM cases").getFirst())
        .containsEntry("core_id", "C-000001").containsEntry("handoff_state", "delivered");
    assertThat(relais.query("SELECT state, outcome FROM inbound").getFirst())
        .containsEntry("state", "processed").containsEntry("outcome", "case " + tracking);
  }

  @Test
  void shouldAnswerInTheLanguageOfTheKeyword() throws Exception {
    citizenSends("+21620000001", "شكاية انقطاع الماء منذ الصباح");
    String arabic = replyTo("+21620000001", 0);
    assertThat(relais.smsc.submits().getFirst().getDataCoding()).isEqualTo((byte) 8);
    assertThat(arabic).startsWith("تم تسجيل شكايتكم تحت رقم").contains("3 أيام");

    citizenSends("+21620000002", "COMPLAINT no water since this morning");
    assertThat(replyTo("+21620000002", 1)).startsWith("Your complaint is registered under number")
        .contains("within 3 days");
    TestGateway.await("both cases at the core", 10_000, () -> relais.core.cases().size() == 2);
    assertThat(relais.core.received()).extracting(j -> j.getString("language")).containsExactlyInAnyOrder("ar", "en");
  }

  @Test
  void shouldCountARedeliveryOnce() throws Exception {
    citizenSends("+21620123456", "PLAINTE compteur d'eau bloqué");
    assertThat(citizenSends("+21620123456", "PLAINTE compteur d'eau bloqué")).as("acknowledged again").isZero();
    replyTo("+21620123456", 0);
    Thread.sleep(500);
    assertThat(relais.query("SELECT id FROM inbound")).hasSize(1);
    assertThat(relais.query("SELECT id FROM cases")).hasSize(1);
    assertThat(relais.smsc.submits()).hasSize(1);
  }

  @Test
  void shouldAcknowledgeAtOnceWhileTheCoreIsDownAndDeliverTheCaseLater() throws Exception {
    relais.core.failWith(503);
    citizenSends("+21620123456", "PLAINTE lampadaire éteint avenue Bourguiba");
    String ack = replyTo("+21620123456", 0);
    Matcher m = TRACKING.matcher(ack);
    assertThat(m.find()).isTrue();
    assertThat(TrackingNumbers.isValid(m.group(1))).isTrue();
    TestGateway.await("some failed attempts", 10_000, () -> relais.core.posts() >= 2);
    assertThat(relais.core.cases()).isEmpty();
    relais.core.failWith(0);
    TestGateway.await("the case after the outage", 15_000, () -> relais.core.cases().size() == 1);
    Thread.sleep(1500);
    assertThat(relais.core.cases()).as("the core sees it once").hasSize(1);
    assertThat(relais.core.received()).hasSize(1);
    assertThat(relais.smsc.submits()).as("one acknowledgement").hasSize(1);
  }

  @Test
  void shouldAskForTheTextWhenTheComplaintIsEmptyAndHelpOtherwise() throws Exception {
    citizenSends("+21620123456", "PLAINTE");
    assertThat(replyTo("+21620123456", 0)).startsWith("Merci de décrire le problème");
    citizenSends("+21620123457", "Bonjour, il y a un souci");
    assertThat(replyTo("+21620123457", 1)).startsWith("PLAINTE + texte: signaler un problème.");
    Thread.sleep(300);
    assertThat(relais.query("SELECT id FROM cases")).isEmpty();
    assertThat(relais.core.posts()).isZero();
    assertThat(relais.query("SELECT outcome FROM inbound ORDER BY received_at"))
        .extracting(r -> r.get("outcome")).containsExactly("complaint without text", "help");
  }

  @Test
  void shouldUseTheCoresTrackingNumberWhenItGivesOne() throws Exception {
    relais.core.issueTrackingNumbers("REQ-");
    citizenSends("+21620123456", "RECLAMATION facture d'électricité trop élevée");
    assertThat(replyTo("+21620123456", 0)).contains("sous le numéro REQ-1");
    assertThat(relais.query("SELECT core_tracking FROM cases").getFirst()).containsEntry("core_tracking", "REQ-1");
    assertThat(Map.of()).isEmpty();
  }
}
