package org.relais.gateway.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.relais.gateway.NoBlockedEventLoops;
import org.relais.gateway.TestGateway;
import org.relais.gateway.telephony.ami.AmiClient;
import org.relais.gateway.telephony.ami.FakeAmi;

/**
 * The AMI connection drops during a voice alert: each call ringing ends with a defined state (tried
 * again, its attempt counted once), a call claimed but not yet sent spends no attempt, nothing is
 * placed while Asterisk is away, and every call is made once it is back.
 */
@Timeout(90)
@ExtendWith(NoBlockedEventLoops.class)
class AlertAmiDropTest {

  private static final int RECIPIENTS = 12;
  private static final int AT_ONCE = 4;

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

  private void start(String ttsCommand, int maxAttempts) throws Exception {
    asterisk = new FakeAmi(VoiceAlerts.SECRET);
    relais = VoiceAlerts.start(dir, asterisk, ttsCommand, Map.of("RELAIS_AMI_RECONNECT_MIN", "50ms",
        "RELAIS_AMI_RECONNECT_MAX", "200ms", "RELAIS_ALERTS_MAX_ATTEMPTS", String.valueOf(maxAttempts),
        "RELAIS_ALERTS_MAX_CONCURRENT_CALLS", String.valueOf(AT_ONCE)));
    for (int i = 1; i <= RECIPIENTS; i++) {
      VoiceAlerts.subscriber(relais, msisdn(i), "voice");
    }
  }

  private String post(String identifier) throws Exception {
    HttpResponse<String> r = relais.api("POST", "/api/v1/alerts", AlertsApiTest.ALERTER,
        Caps.flood(identifier, "fr").encode());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    return TestGateway.json(r).getString("id");
  }

  @Test
  void shouldAccountForTheCallsInProgressAndPlaceTheRestWhenTheAmiDropsDuringAVoiceAlert() throws Exception {
    start("cp {text} {out}", 3);
    asterisk.ringing(true);
    String id = post("DROP-1");
    TestGateway.await("calls ringing", 30_000, () -> channels().size() == AT_ONCE,
        () -> "Originates " + asterisk.actions("Originate").size() + " to " + channels() + ", AMI "
            + relais.gateway.telephony().ami().state() + ", voice " + voice(id).encode());
    Set<String> ringing = channels();
    assertThat(voice(id).getLong("dialling")).isEqualTo(AT_ONCE);

    asterisk.unreachable(true);
    TestGateway.await("the calls in progress accounted for", 30_000, () -> voice(id).getLong("dialling") == 0);
    JsonObject down = voice(id);
    assertThat(down.getLong("pending")).as(down.encode()).isEqualTo(RECIPIENTS);
    assertThat(down.getLong("answered") + down.getLong("failed")).isZero();
    List<JsonObject> retried = calls(id, "pending").stream().filter(c -> c.getInteger("attempts") > 0).toList();
    assertThat(retried).hasSize(AT_ONCE).allSatisfy(c -> assertThat(c.getString("outcome")).isEqualTo("congestion"));
    assertThat(retried).allSatisfy(c -> assertThat(c.getInteger("attempts")).isEqualTo(1));
    assertThat(asterisk.actions("Originate")).as("nothing placed while the AMI is away").hasSize(AT_ONCE);

    asterisk.ringing(false);
    asterisk.unreachable(false);
    JsonObject end = awaitEveryCallAnswered(id);
    assertThat(end.getLong("targeted")).isEqualTo(RECIPIENTS);
    assertThat(TestGateway.json(relais.api("GET", "/api/v1/alerts/" + id, AlertsApiTest.ALERTER, null))
        .getLong("calls_answered")).isEqualTo(RECIPIENTS);
    List<JsonObject> answered = calls(id, "answered");
    assertThat(answered).extracting(c -> c.getString("msisdn")).doesNotHaveDuplicates().hasSize(RECIPIENTS);
    Map<String, Long> placed = asterisk.actions("Originate").stream()
        .collect(Collectors.groupingBy(a -> a.get("Channel"), Collectors.counting()));
    for (int i = 1; i <= RECIPIENTS; i++) {
      String channel = "PJSIP/" + msisdn(i) + "@trunk";
      long expected = ringing.contains(channel) ? 2 : 1;
      assertThat(placed.get(channel)).as(channel).isEqualTo(expected);
      String number = msisdn(i);
      assertThat(answered).filteredOn(c -> c.getString("msisdn").equals(number))
          .singleElement().satisfies(c -> assertThat(c.getInteger("attempts")).isEqualTo((int) expected));
    }
  }

  @Test
  void shouldPlaceLaterWithoutSpendingAnAttemptTheCallsTheAmiDroppedBeforeTheyLeft() throws Exception {
    // The spoken texts wait for the gate (the start-up probe, "Relais", does not): calls are claimed, not yet sent.
    Path gate = dir.resolve("gate");
    start("case \"$(cat {text})\" in Relais) ;; *) while [ ! -f '" + gate + "' ]; do sleep 0.05; done ;; esac;"
        + " cp {text} {out}", 1);
    String id = post("DROP-2");
    TestGateway.await("calls claimed", 30_000, () -> voice(id).getLong("dialling") == AT_ONCE);
    asterisk.unreachable(true);
    TestGateway.await("the AMI seen down", 10_000,
        () -> relais.gateway.telephony().ami().state() != AmiClient.State.CONNECTED);
    Files.createFile(gate);
    TestGateway.await("the claimed calls given back", 30_000, () -> voice(id).getLong("dialling") == 0);
    JsonObject down = voice(id);
    assertThat(down.getLong("pending")).as(down.encode()).isEqualTo(RECIPIENTS);
    assertThat(down.getLong("failed")).isZero();
    assertThat(calls(id, "pending")).hasSize(RECIPIENTS)
        .allSatisfy(c -> assertThat(c.getInteger("attempts")).as(c.encode()).isZero());
    assertThat(asterisk.actions("Originate")).isEmpty();

    asterisk.unreachable(false);
    awaitEveryCallAnswered(id);
    assertThat(calls(id, "answered")).hasSize(RECIPIENTS)
        .allSatisfy(c -> assertThat(c.getInteger("attempts")).isEqualTo(1));
    assertThat(asterisk.actions("Originate").stream().map(a -> a.get("Channel")).distinct().count())
        .isEqualTo(asterisk.actions("Originate").size()).isEqualTo(RECIPIENTS);
  }

  private static String msisdn(int i) {
    return String.format("+216240001%02d", i);
  }

  private Set<String> channels() {
    return asterisk.actions("Originate").stream().map(a -> a.get("Channel")).collect(Collectors.toSet());
  }

  private JsonObject voice(String id) {
    try {
      return TestGateway.json(relais.api("GET", "/api/v1/alerts/" + id, AlertsApiTest.ALERTER, null))
          .getJsonObject("voice");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private List<JsonObject> calls(String id, String state) throws Exception {
    JsonObject body = TestGateway.json(relais.api("GET", "/api/v1/alerts/" + id + "/calls?state=" + state
        + "&limit=100", AlertsApiTest.ALERTER, null));
    return body.getJsonArray("calls").stream().map(o -> (JsonObject) o).toList();
  }

  /** Waits until no call of the alert is pending or dialling, checks they were all answered; returns the figures. */
  private JsonObject awaitEveryCallAnswered(String id) throws Exception {
    TestGateway.await("every call made", 30_000, () -> {
      JsonObject v = voice(id);
      return v.getLong("pending") + v.getLong("dialling") == 0;
    });
    JsonObject end = voice(id);
    assertThat(end.getLong("answered")).as(end.encode()).isEqualTo(RECIPIENTS);
    assertThat(end.getLong("failed")).isZero();
    return end;
  }
}
