package org.relais.gateway.twoway;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.tlv.Tlv;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.relais.gateway.NoBlockedEventLoops;
import org.relais.gateway.TestGateway;
import org.relais.gateway.cases.TrackingNumbers;
import org.relais.sms.smpp.TestSmsc;

/** Every intent of two-way SMS, end to end over the cloudhopper SMSC, in the citizen's language. */
@Timeout(60)
@ExtendWith(NoBlockedEventLoops.class)
class TwoWaySmsTest {

  private static final Pattern TRACKING = Pattern.compile("(\\d{8})");
  private static final String CITIZEN = "+21620123456";

  @TempDir
  Path dir;
  private TestGateway relais;

  private TestGateway start(Map<String, String> env) throws Exception {
    relais = TestGateway.start(dir, env);
    return relais;
  }

  @AfterEach
  void stop() throws Exception {
    if (relais != null) {
      relais.close();
    }
  }

  /** The state of the one text received so far. */
  private Object inboundState() {
    try {
      return relais.query("SELECT state FROM inbound").getFirst().get("state");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String tracking(String text) {
    Matcher m = TRACKING.matcher(text);
    assertThat(m.find()).as(text).isTrue();
    return m.group(1);
  }

  @Test
  void shouldAskTheCategoryOfAComplaintThatNamesNoneAndOpenItWithTheAnswer() throws Exception {
    start(Map.of());
    relais.citizenSends(CITIZEN, "PLAINTE le compteur ne tourne plus");
    assertThat(relais.reply(CITIZEN, 0).text())
        .isEqualTo("Précisez le type de problème, répondez par le chiffre: 1 eau, 2 électricité, 3 gaz, 4 voirie,"
            + " 5 éclairage, 6 déchets, 7 espaces verts, 0 autre.");
    // The question is queued before the text is marked as awaiting its answer: it may arrive first.
    TestGateway.await("the text awaiting its answer", 10_000, () -> "awaiting_answer".equals(inboundState()));
    relais.citizenSends(CITIZEN, "2");
    String ack = relais.reply(CITIZEN, 1).text();
    assertThat(ack).startsWith("Votre réclamation est enregistrée sous le numéro");
    TestGateway.await("the case at the core", 10_000, () -> relais.core.cases().size() == 1);
    JsonObject sent = relais.core.received().getFirst();
    assertThat(sent.getString("category")).isEqualTo("electricity");
    assertThat(sent.getString("description")).isEqualTo("le compteur ne tourne plus");
    assertThat(relais.query("SELECT state FROM inbound ORDER BY received_at"))
        .extracting(r -> r.get("state")).containsExactly("processed", "processed");
  }

  @Test
  void shouldOpenTheComplaintWithoutCategoryWhenNoAnswerComes() throws Exception {
    start(Map.of("RELAIS_SMS_CONVERSATION_TIMEOUT", "1s"));
    relais.citizenSends(CITIZEN, "PLAINTE il y a un problème");
    relais.reply(CITIZEN, 0);
    assertThat(relais.reply(CITIZEN, 1).text()).as("acknowledged after the timeout")
        .startsWith("Votre réclamation est enregistrée");
    TestGateway.await("the case at the core", 10_000, () -> relais.core.cases().size() == 1);
    assertThat(relais.core.received().getFirst().getValue("category")).isNull();
  }

  @Test
  void shouldOpenTheWaitingComplaintWhenTheNextTextIsNotAnAnswer() throws Exception {
    start(Map.of());
    relais.citizenSends(CITIZEN, "PLAINTE il y a un problème");
    relais.reply(CITIZEN, 0);
    relais.citizenSends(CITIZEN, "AIDE");
    String first = relais.reply(CITIZEN, 1).text();
    String second = relais.reply(CITIZEN, 2).text();
    assertThat(first + "|" + second).contains("Votre réclamation est enregistrée").contains("PLAINTE + texte");
    TestGateway.await("the case at the core", 10_000, () -> relais.core.cases().size() == 1);
  }

  @Test
  void shouldAnswerAStatusQueryAndRefuseAMistypedNumber() throws Exception {
    start(Map.of());
    relais.citizenSends(CITIZEN, "PLAINTE fuite d'eau");
    String number = tracking(relais.reply(CITIZEN, 0).text());
    relais.citizenSends(CITIZEN, "SUIVI " + number);
    assertThat(relais.reply(CITIZEN, 1).text()).startsWith("Demande " + number + ": enregistrée (le ");

    char last = number.charAt(7);
    String typo = number.substring(0, 7) + (char) (last == '9' ? '0' : last + 1);
    relais.citizenSends(CITIZEN, "suivi " + typo);
    assertThat(relais.reply(CITIZEN, 2).text()).isEqualTo("Le numéro " + typo
        + " n'est pas valide. Vérifiez-le et renvoyez SUIVI suivi du numéro.");

    String unknown = TrackingNumbers.next(8);
    relais.citizenSends("+21620999888", "STATUS " + unknown);
    assertThat(relais.reply("+21620999888", 3).text()).isEqualTo("No request has the number " + unknown + ".");

    relais.citizenSends("+21620999777", "تتبع");
    assertThat(relais.reply("+21620999777", 4).text()).startsWith("أرسلوا تتبع متبوعا برقم طلبكم");
  }

  @Test
  void shouldStopEverythingButRepliesAfterStopAndResumeAfterStart() throws Exception {
    start(Map.of());
    relais.citizenSends(CITIZEN, "STOP");
    TestSmsc.Text stop = relais.reply(CITIZEN, 0);
    assertThat(stop.text()).startsWith("Vous ne recevrez plus de messages.");
    assertThat(stop.parts()).isEqualTo(1);
    HttpResponse<String> refused = relais.api("POST", "/api/v1/messages", TestGateway.SENDER,
        "{\"to\":\"" + CITIZEN + "\",\"text\":\"Facture disponible\"}");
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(TestGateway.json(refused).getJsonObject("error").getString("code")).isEqualTo("opted_out");
    assertThat(relais.query("SELECT opted_out FROM subscribers").getFirst()).containsEntry("opted_out", 1);

    relais.citizenSends(CITIZEN, "START");
    assertThat(relais.reply(CITIZEN, 1).text()).startsWith("Vous recevez de nouveau nos messages.");
    assertThat(relais.api("POST", "/api/v1/messages", TestGateway.SENDER,
        "{\"to\":\"" + CITIZEN + "\",\"text\":\"Facture disponible\"}").statusCode()).isEqualTo(202);
  }

  @Test
  void shouldSubscribeToAKnownZoneOnly() throws Exception {
    start(Map.of());
    relais.citizenSends(CITIZEN, "ALERTE Centre");
    assertThat(relais.reply(CITIZEN, 0).text()).startsWith("Vous recevrez les alertes de la zone centre.");
    relais.citizenSends(CITIZEN, "ALERTE lune");
    assertThat(relais.reply(CITIZEN, 1).text()).isEqualTo("Envoyez ALERTE suivi de votre zone: centre, nord, sud, est, ouest");
    assertThat(relais.query("SELECT zone FROM subscriber_zones")).extracting(r -> r.get("zone")).containsExactly("centre");
  }

  @Test
  void shouldHelpInOnePartInEveryLanguage() throws Exception {
    start(Map.of());
    relais.citizenSends("+21620000001", "AIDE");
    relais.citizenSends("+21620000002", "HELP");
    relais.citizenSends("+21620000003", "مساعدة");
    for (int i = 0; i < 3; i++) {
      TestSmsc.Text help = relais.smsc.awaitTexts(3, 15_000).get(i);
      assertThat(help.parts()).as(help.text()).isEqualTo(1);
    }
    assertThat(relais.smsc.texts()).extracting(TestSmsc.Text::text).anySatisfy(t -> assertThat(t).startsWith("PLAINTE"))
        .anySatisfy(t -> assertThat(t).startsWith("COMPLAINT")).anySatisfy(t -> assertThat(t).startsWith("شكاية"));
  }

  @Test
  void shouldReplyInTheLanguageOfTheKeywordEvenInMixedScripts() throws Exception {
    start(Map.of());
    relais.citizenSends(CITIZEN, "PLAINTE انقطاع الماء في الحي");
    assertThat(relais.reply(CITIZEN, 0).text()).startsWith("Votre réclamation est enregistrée");
  }

  @Test
  void shouldRememberTheLanguageForTextsWithoutKeyword() throws Exception {
    start(Map.of());
    relais.citizenSends(CITIZEN, "شكاية انقطاع الماء");
    relais.reply(CITIZEN, 0);
    relais.citizenSends(CITIZEN, "bonjour ?");
    assertThat(relais.reply(CITIZEN, 1).text()).startsWith("شكاية + نص");
  }

  @Test
  void shouldTreatAnUnknownTextAsAComplaintWhenConfiguredSo() throws Exception {
    start(Map.of("RELAIS_SMS_UNKNOWN_TEXT", "complaint"));
    relais.citizenSends(CITIZEN, "Le lampadaire devant chez moi est éteint depuis une semaine");
    assertThat(relais.reply(CITIZEN, 0).text()).startsWith("Votre réclamation est enregistrée");
    TestGateway.await("the case at the core", 10_000, () -> relais.core.cases().size() == 1);
    assertThat(relais.core.received().getFirst().getString("category")).isEqualTo("lighting");
  }

  @Test
  void shouldTakeAComplaintOfTwoThousandCharacters() throws Exception {
    start(Map.of());
    String text = "PLAINTE fuite " + "x".repeat(1986);
    DeliverSm pdu = TestSmsc.deliverSm(CITIZEN, "1234", (byte) 0, new byte[0]);
    pdu.addOptionalParameter(new Tlv(SmppConstants.TAG_MESSAGE_PAYLOAD, text.getBytes(StandardCharsets.ISO_8859_1)));
    assertThat(relais.smsc.deliver(pdu, 10_000)).isZero();
    assertThat(relais.reply(CITIZEN, 0).text()).startsWith("Votre réclamation est enregistrée");
    TestGateway.await("the case at the core", 10_000, () -> relais.core.cases().size() == 1);
    assertThat(relais.core.received().getFirst().getString("description")).hasSize(1992);
  }

  @Test
  void shouldIgnoreAnEmptyText() throws Exception {
    start(Map.of());
    relais.smsc.deliver(TestSmsc.deliverSm(CITIZEN, "1234", (byte) 0, new byte[0]), 10_000);
    assertThat(relais.reply(CITIZEN, 0).text()).as("an empty text gets the help").startsWith("PLAINTE + texte");
    assertThat(relais.query("SELECT id FROM cases")).isEmpty();
  }
}
