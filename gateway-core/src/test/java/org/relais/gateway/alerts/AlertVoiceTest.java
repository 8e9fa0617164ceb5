package org.relais.gateway.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.relais.gateway.NoBlockedEventLoops;
import org.relais.gateway.TestGateway;
import org.relais.gateway.alerts.cap.CapJson;
import org.relais.gateway.config.StoreConfig;
import org.relais.gateway.store.SqliteStore;
import org.relais.gateway.subscribers.Channel;
import org.relais.gateway.subscribers.Consent;
import org.relais.gateway.subscribers.Subscriber;
import org.relais.gateway.telephony.ami.FakeAmi;
import org.slf4j.LoggerFactory;

/**
 * Alert calls: Originate through a fake Asterisk speaking AMI over a socket, each OriginateResponse
 * Reason mapped (answered, busy and unanswered retried then failed, refused failed at once), the
 * spoken message made by the TTS command, and the {@code alert} AGI script confirming on key 1.
 */
@Timeout(90)
@ExtendWith(NoBlockedEventLoops.class)
class AlertVoiceTest {

  @TempDir
  Path dir;
  private FakeAmi asterisk;
  private TestGateway relais;

  @AfterEach
  void stop() throws Exception {
    if (relais != null) {
      relais.close();
    }
    if (asterisk != null) {
      asterisk.close();
    }
  }

  private void start(String ttsCommand) throws Exception {
    asterisk = new FakeAmi(VoiceAlerts.SECRET);
    relais = VoiceAlerts.start(dir, asterisk, ttsCommand, Map.of("RELAIS_ALERTS_MAX_ATTEMPTS", "2"));
  }

  private JsonObject status(String id) throws Exception {
    return TestGateway.json(relais.api("GET", "/api/v1/alerts/" + id, AlertsApiTest.ALERTER, null));
  }

  /** The threads the dialer logged from: one, its own event loop, if it keeps to it. */
  private final ListAppender<ILoggingEvent> dialerLog = new ListAppender<>();

  @BeforeEach
  void watchTheDialer() {
    dialerLog.start();
    ((Logger) LoggerFactory.getLogger(AlertDialer.class)).addAppender(dialerLog);
  }

  @AfterEach
  void stopWatching() {
    ((Logger) LoggerFactory.getLogger(AlertDialer.class)).detachAppender(dialerLog);
  }

  @Test
  void shouldMapEachCallOutcomeRetryBusyAndUnansweredAndConfirmOnKeyOne() throws Exception {
    start("cp {text} {out}");
    asterisk.reason("21624000002", 5).reason("21624000003", 3).reason("21624000004", 8)
        .refuse("21624000005", "Extension does not exist.");
    for (int i = 1; i <= 5; i++) {
      VoiceAlerts.subscriber(relais, "+2162400000" + i, "voice");
    }
    VoiceAlerts.subscriber(relais, "+21624000006", "sms", "voice");
    HttpResponse<String> r = relais.api("POST", "/api/v1/alerts", AlertsApiTest.ALERTER,
        Caps.flood("V-1", "fr").encode());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    JsonObject accepted = TestGateway.json(r);
    assertThat(accepted.getJsonObject("recipients").getInteger("voice")).isEqualTo(6);
    assertThat(accepted.getJsonObject("recipients").getInteger("sms")).isEqualTo(1);
    String id = accepted.getString("id");

    TestGateway.await("every call settled", 30_000, () -> {
      // The recipients are committed after the answer: until then the alert counts none.
      JsonObject v = statusOf(id).getJsonObject("voice");
      return v.getLong("targeted") == 6 && v.getLong("pending") + v.getLong("dialling") == 0;
    });
    JsonObject voice = status(id).getJsonObject("voice");
    assertThat(voice.getLong("answered")).isEqualTo(2);
    assertThat(voice.getLong("failed")).isEqualTo(4);
    JsonObject failed = TestGateway.json(relais.api("GET", "/api/v1/alerts/" + id + "/calls?state=failed&limit=3",
        AlertsApiTest.ALERTER, null));
    assertThat(failed.getJsonArray("calls").stream().map(o -> ((JsonObject) o).getString("outcome")))
        .containsExactly("busy", "no_answer", "congestion");
    assertThat(failed.getJsonArray("calls").getJsonObject(0).getInteger("attempts")).isEqualTo(2);
    JsonObject rest = TestGateway.json(relais.api("GET", "/api/v1/alerts/" + id + "/calls?state=failed&after="
        + failed.getString("next").replace("+", "%2B"), AlertsApiTest.ALERTER, null));
    assertThat(rest.getJsonArray("calls")).hasSize(1);
    assertThat(rest.getJsonArray("calls").getJsonObject(0).getInteger("attempts")).isEqualTo(1);
    List<Map<String, String>> originates = asterisk.actions("Originate");
    Map<String, Integer> calls = new HashMap<>();
    originates.forEach(a -> calls.merge(a.get("Channel"), 1, Integer::sum));
    assertThat(calls).containsEntry("PJSIP/+21624000001@trunk", 1).containsEntry("PJSIP/+21624000002@trunk", 2)
        .containsEntry("PJSIP/+21624000003@trunk", 2).containsEntry("PJSIP/+21624000004@trunk", 2)
        .containsEntry("PJSIP/+21624000005@trunk", 1).containsEntry("PJSIP/+21624000006@trunk", 1);
    assertThat(originates).allSatisfy(a -> assertThat(a.get("Context")).isEqualTo("relais-alert"));
    List<Path> spoken;
    try (var files = Files.list(dir.resolve("tts"))) {
      spoken = files.filter(p -> p.toString().endsWith(".wav")).toList();
    }
    assertThat(spoken).as("the start-up probe, then headline and message spoken once for every call").hasSize(3);
    Map<String, String> soundOf = new HashMap<>();
    spoken.forEach(p -> soundOf.put(readQuietly(p), p.toString().replace(".wav", "")));
    assertThat(soundOf).containsKeys("Relais", "Alerte inondation", "desc-fr");

    List<String> commands = agiCall(id, "+21624000001", soundOf.get("Alerte inondation"), soundOf.get("desc-fr"));
    assertThat(commands.get(0)).isEqualTo("STREAM FILE \"" + soundOf.get("Alerte inondation") + "\" \"\"");
    assertThat(commands.get(1)).isEqualTo("STREAM FILE \"" + soundOf.get("desc-fr") + "\" \"\"");
    assertThat(commands.get(2)).contains("GET DATA").contains("relais/fr/alert_confirm").contains("6000 1");
    assertThat(commands.get(3)).contains("STREAM FILE").contains("relais/fr/alert_thanks");
    assertThat(commands.get(4)).isEqualTo("HANGUP");
    JsonObject after = status(id);
    assertThat(after.getLong("calls_confirmed")).isEqualTo(1);
    assertThat(after.getLong("calls_answered")).isEqualTo(2);
    assertThat(List.copyOf(dialerLog.list)).as("every outcome logged").hasSizeGreaterThanOrEqualTo(9)
        .extracting(ILoggingEvent::getThreadName).as("the dialer ticks and records on its own event loop only")
        .containsOnly(dialerLog.list.getFirst().getThreadName());
  }

  @Test
  void shouldCallTheVoiceRecipientsOfAnAlertAStopCutDuringItsFanOut() throws Exception {
    // The store as a stop leaves it: the alert accepted, still targeting, nobody committed yet.
    String id;
    try (SqliteStore store = SqliteStore.open(new StoreConfig(dir.resolve("relais.db").toString(), null, null))) {
      List<Subscriber> voice = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        voice.add(new Subscriber("+2162400002" + i, "fr", List.of(), new Subscriber.Place(36.82, 10.17),
            EnumSet.of(Channel.VOICE), Map.of(Consent.ALERTS, true), false, false, null));
      }
      store.subscribers().saveAll(voice).await(10, TimeUnit.SECONDS);
      id = store.alerts().create(CapJson.read(Caps.flood("RESUME-1", "fr")), "alerter", null)
          .await(10, TimeUnit.SECONDS).id();
    }
    start("cp {text} {out}");
    TestGateway.await("the resumed alert's calls answered", 30_000,
        () -> statusOf(id).getJsonObject("voice").getLong("answered") == 3);
    assertThat(asterisk.actions("Originate")).extracting(a -> a.get("Channel")).containsExactlyInAnyOrder(
        "PJSIP/+21624000021@trunk", "PJSIP/+21624000022@trunk", "PJSIP/+21624000023@trunk");
  }

  private static String readQuietly(Path p) {
    try {
      return Files.readString(p).strip();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonObject statusOf(String id) {
    try {
      return status(id);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Asterisk's side of the answered call: runs the alert script, presses 1; returns the commands received. */
  private List<String> agiCall(String alertId, String msisdn, String headline, String message) throws Exception {
    List<String> commands = new ArrayList<>();
    try (Socket s = new Socket("127.0.0.1", relais.gateway.agiPort())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      out.write(("agi_network: yes\nagi_network_script: alert\nagi_request: agi://127.0.0.1/alert\n"
          + "agi_channel: PJSIP/trunk-0001\nagi_uniqueid: 1795343831.42\nagi_callerid: 3000\nagi_arg_1: " + alertId
          + "\nagi_arg_2: " + msisdn + "\nagi_arg_3: " + headline + "\nagi_arg_4: " + message + "\nagi_arg_5: fr\n\n")
          .getBytes(StandardCharsets.UTF_8));
      out.flush();
      String line;
      while ((line = in.readLine()) != null) {
        commands.add(line);
        String reply = line.startsWith("GET DATA") ? "200 result=1\n" : line.equals("HANGUP") ? "200 result=1\n"
            : "200 result=0 endpos=8000\n";
        out.write(reply.getBytes(StandardCharsets.UTF_8));
        out.flush();
        if (line.equals("HANGUP")) {
          break;
        }
      }
    }
    TestGateway.await("confirmed", 10_000, () -> statusOf(alertId).getLong("calls_confirmed") == 1);
    return commands;
  }

  @Test
  void shouldStillSendTheSmsWhenTheTtsCommandIsMissingAndSayWhyThereAreNoCalls() throws Exception {
    start("no-such-tts-program -f {text} -w {out}");
    VoiceAlerts.subscriber(relais, "+21624000011", "sms", "voice");
    HttpResponse<String> r = relais.api("POST", "/api/v1/alerts", AlertsApiTest.ALERTER,
        Caps.flood("V-2", "fr").encode());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    JsonObject accepted = TestGateway.json(r);
    assertThat(accepted.getJsonObject("recipients").getInteger("voice")).isZero();
    assertThat(accepted.getJsonObject("recipients").getInteger("sms")).isEqualTo(1);
    assertThat(accepted.getString("voice_unavailable")).contains("TTS command").contains("exit 127");
    relais.reply("+21624000011", 0);
    assertThat(asterisk.actions("Originate")).isEmpty();
  }
}
