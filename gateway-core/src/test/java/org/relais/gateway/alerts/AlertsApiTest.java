package org.relais.gateway.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.relais.gateway.NoBlockedEventLoops;
import org.relais.gateway.TestGateway;
import org.relais.gateway.alerts.cap.CapXmlTest;
import org.relais.sms.smpp.TestSmsc;

/**
 * Subscribers and CAP alerts through the HTTP API, end to end: targeting by polygon, circle and
 * geocode, languages, Test status, dry runs and approval, Cancel, Update, and a restart in the
 * middle of a fan-out; the SMS go to the cloudhopper SMSC over a socket.
 */
@Timeout(120)
@ExtendWith(NoBlockedEventLoops.class)
class AlertsApiTest {

  static final String ALERTER = "test-alerter-token";
  static final String APPROVER = "test-approver-token";
  static final String TOKENS = TestGateway.ADMIN + ":admin," + TestGateway.SENDER + ":sender," + TestGateway.CORE
      + ":core," + ALERTER + ":alerter," + APPROVER + ":approver";

  @TempDir
  Path dir;
  private TestGateway relais;
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() throws Exception {
    if (relais != null) {
      relais.close();
    }
  }

  private void start(Map<String, String> env) throws Exception {
    Map<String, String> all = new HashMap<>(Map.of("RELAIS_API_TOKENS", TOKENS, "RELAIS_SMPP_TPS", "2000",
        "RELAIS_SMPP_WINDOW", "50"));
    all.putAll(env);
    relais = TestGateway.start(dir, all);
  }

  private HttpResponse<String> put(String msisdn, JsonObject profile) throws Exception {
    return relais.api("PUT", "/api/v1/subscribers/" + msisdn, ALERTER, profile.encode());
  }

  private void subscriber(String msisdn, String language, double lat, double lon) throws Exception {
    HttpResponse<String> r = put(msisdn, new JsonObject().put("language", language)
        .put("location", new JsonObject().put("lat", lat).put("long", lon))
        .put("consents", new JsonObject().put("alerts", true)));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  private HttpResponse<String> post(JsonObject cap, String approver, String query) throws Exception {
    return send("application/json", cap.encode(), ALERTER, approver, query);
  }

  private HttpResponse<String> send(String type, String body, String token, String approver, String query)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + relais.gateway.httpPort()
            + "/api/v1/alerts" + (query == null ? "" : query)))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", type).header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (approver != null) {
      b.header("X-Approver-Token", approver);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonObject status(String id) {
    try {
      return statusOrFail(id);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonObject statusOrFail(String id) throws Exception {
    HttpResponse<String> r = relais.api("GET", "/api/v1/alerts/" + id, ALERTER, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return TestGateway.json(r);
  }

  private Map<String, List<String>> textsByNumber() {
    return relais.smsc.texts().stream().collect(Collectors.groupingBy(t -> "+" + t.destination(),
        Collectors.mapping(TestSmsc.Text::text, Collectors.toList())));
  }

  @Test
  void shouldKeepASubscriberProfileImportManyAndForgetOne() throws Exception {
    start(Map.of());
    HttpResponse<String> r = put("+21620000001", new JsonObject().put("language", "ar")
        .put("zones", new JsonArray().add("Nord")).put("location", new JsonObject().put("lat", 36.8).put("long", 10.18))
        .put("channels", new JsonArray().add("sms").add("voice"))
        .put("consents", new JsonObject().put("alerts", true).put("bills", false)).put("tester", true));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonObject got = TestGateway.json(relais.api("GET", "/api/v1/subscribers/+21620000001", ALERTER, null));
    assertThat(got.getString("language")).isEqualTo("ar");
    assertThat(got.getJsonArray("zones")).containsExactly("nord");
    assertThat(got.getJsonObject("location").getDouble("long")).isEqualTo(10.18);
    assertThat(got.getJsonArray("channels")).containsExactly("sms", "voice");
    assertThat(got.getJsonObject("consents").getBoolean("alerts")).isTrue();
    assertThat(got.getJsonObject("consents").getBoolean("bills")).isFalse();
    assertThat(got.getJsonObject("consents").getValue("case_status")).isNull();
    assertThat(got.getBoolean("tester")).isTrue();

    assertThat(put("+21620000001", new JsonObject().put("language", "xx")).statusCode()).isEqualTo(422);
    assertThat(TestGateway.json(put("+21620000001", new JsonObject().put("location", new JsonObject().put("lat", 91)
        .put("long", 0)))).getJsonObject("error").getString("field")).isEqualTo("location");
    assertThat(put("not-a-number", new JsonObject()).statusCode()).isEqualTo(422);
    assertThat(relais.api("GET", "/api/v1/subscribers/+21620000001", TestGateway.SENDER, null).statusCode())
        .isEqualTo(403);

    String ndjson = "{\"msisdn\":\"+21620000002\",\"language\":\"fr\",\"consents\":{\"alerts\":true}}\n"
        + "{\"msisdn\":\"+21620000003\",\"channels\":[\"fax\"]}\n"
        + "not json\n"
        + "{\"msisdn\":\"+21620000004\",\"location\":{\"lat\":36.81,\"long\":10.16}}\n";
    HttpResponse<String> imported = relais.api("POST", "/api/v1/subscribers/import", ALERTER, ndjson);
    JsonObject result = TestGateway.json(imported);
    assertThat(result.getInteger("imported")).isEqualTo(2);
    assertThat(result.getJsonArray("failed").stream().map(o -> ((JsonObject) o).getInteger("line")))
        .containsExactly(2, 3);
    assertThat(relais.api("GET", "/api/v1/subscribers/+21620000004", ALERTER, null).statusCode()).isEqualTo(200);

    assertThat(relais.api("DELETE", "/api/v1/subscribers/+21620000001", ALERTER, null).statusCode()).isEqualTo(204);
    assertThat(relais.api("GET", "/api/v1/subscribers/+21620000001", ALERTER, null).statusCode()).isEqualTo(404);
    assertThat(relais.api("DELETE", "/api/v1/subscribers/+21620000001", ALERTER, null).statusCode()).isEqualTo(404);
  }

  @Test
  void shouldReachEveryoneInsideInTheirLanguageAndNobodyOutside() throws Exception {
    start(Map.of());
    relais.smsc.receiptsAfterResp(true);
    subscriber("+21620000010", "fr", 36.82, 10.17);
    subscriber("+21620000011", "ar", 36.84, 10.19);
    subscriber("+21620000012", "en", 36.81, 10.16);
    subscriber("+21620000013", "fr", 36.90, 10.30);
    subscriber("+21620000014", "fr", 36.79, 10.17);
    subscriber("+21620000015", null, 36.83, 10.18);
    assertThat(put("+21620000016", new JsonObject().put("language", "fr").put("zones", new JsonArray().add("nord"))
        .put("consents", new JsonObject().put("alerts", true))).statusCode()).isEqualTo(200);
    assertThat(put("+21620000017", new JsonObject().put("language", "fr")
        .put("location", new JsonObject().put("lat", 36.82).put("long", 10.17))).statusCode()).isEqualTo(200);
    subscriber("+21620000018", "fr", 36.82, 10.18);
    relais.citizenSends("+21620000018", "STOP");
    relais.reply("+21620000018", 0);

    JsonObject area = Caps.area(List.of(Caps.SQUARE), List.of("36.90,10.30 1.0"), List.of("nord"));
    HttpResponse<String> r = post(Caps.alert("A-1", "Actual", "Alert", area, "fr-FR", "ar", "en-GB"), null, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    JsonObject accepted = TestGateway.json(r);
    assertThat(accepted.getJsonObject("recipients").getInteger("sms")).isEqualTo(6);
    String id = accepted.getString("id");

    TestGateway.await("6 delivered", 30_000, () -> deliveredOf(id) == 6);
    Map<String, List<String>> texts = textsByNumber();
    assertThat(texts).containsOnlyKeys("+21620000010", "+21620000011", "+21620000012", "+21620000013", "+21620000015",
        "+21620000016", "+21620000018");
    assertThat(texts.get("+21620000010")).containsExactly("Alerte inondation. desc-fr-FR");
    assertThat(texts.get("+21620000011")).containsExactly("إنذار فيضان. desc-ar");
    assertThat(texts.get("+21620000012")).containsExactly("Flood warning. desc-en-GB");
    assertThat(texts.get("+21620000013")).containsExactly("Alerte inondation. desc-fr-FR");
    assertThat(texts.get("+21620000015")).as("no language: the first of alerts.language_fallback")
        .containsExactly("Alerte inondation. desc-fr-FR");
    assertThat(texts.get("+21620000016")).as("zone nord named by a geocode").hasSize(1);
    assertThat(texts.get("+21620000018")).as("opted out: only the STOP confirmation").hasSize(1)
        .noneMatch(t -> t.contains("inondation"));
    JsonObject s = status(id);
    assertThat(s.getInteger("targeted")).isEqualTo(6);
    assertThat(s.getJsonObject("sms").getInteger("delivered")).isEqualTo(6);
    assertThat(s.getString("state")).isEqualTo("done");
    assertThat(s.getInteger("estimated_seconds_left")).isZero();

    assertThat(post(Caps.alert("A-1", "Actual", "Alert", area, "fr"), null, null).statusCode()).as("same identifier")
        .isEqualTo(409);
    String metrics = relais.api("GET", "/metrics", TestGateway.ADMIN, null).body();
    assertThat(metrics).contains("relais_alerts_received_total{msg_type=\"Alert\",status=\"Actual\"} 1")
        .contains("relais_alert_recipients_total{channel=\"sms\"} 6");
  }

  private long deliveredOf(String id) {
    try {
      return status(id).getJsonObject("sms").getLong("delivered");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void shouldTakeTheConsentAndZoneOfAnAlertSubscriptionBySms() throws Exception {
    start(Map.of());
    relais.citizenSends("+21620000050", "ALERTE nord");
    relais.reply("+21620000050", 0);
    JsonObject got = TestGateway.json(relais.api("GET", "/api/v1/subscribers/+21620000050", ALERTER, null));
    assertThat(got.getJsonObject("consents").getBoolean("alerts")).isTrue();
    assertThat(got.getJsonArray("zones")).containsExactly("nord");
    HttpResponse<String> r = post(Caps.alert("K-1", "Actual", "Alert", Caps.area(List.of(), List.of(), List.of("Nord")),
        "fr"), null, null);
    assertThat(TestGateway.json(r).getInteger("total")).isEqualTo(1);
    assertThat(relais.reply("+21620000050", 1).text()).startsWith("Alerte inondation");
    relais.citizenSends("+21620000050", "STOP");
    relais.reply("+21620000050", 2);
    HttpResponse<String> after = post(Caps.alert("K-2", "Actual", "Alert", Caps.area(List.of(), List.of(),
        List.of("nord")), "fr"), null, "?dry_run=true");
    assertThat(TestGateway.json(after).getInteger("total")).as("STOP reaches alerts too").isZero();
  }

  @Test
  void shouldReachOnlyTestersWithTestAndExerciseStatus() throws Exception {
    start(Map.of());
    subscriber("+21620000020", "fr", 36.82, 10.17);
    assertThat(put("+21620000021", new JsonObject().put("language", "fr").put("tester", true)
        .put("location", new JsonObject().put("lat", 36.82).put("long", 10.17))
        .put("consents", new JsonObject().put("alerts", true))).statusCode()).isEqualTo(200);
    HttpResponse<String> r = post(Caps.alert("T-1", "Test", "Alert", Caps.square(), "fr"), null, null);
    assertThat(TestGateway.json(r).getInteger("total")).isEqualTo(1);
    relais.smsc.awaitTexts(1, 15_000);
    HttpResponse<String> exercise = post(Caps.alert("T-2", "Exercise", "Alert", Caps.square(), "fr"), null, null);
    assertThat(TestGateway.json(exercise).getInteger("total")).isEqualTo(1);
    HttpResponse<String> draft = post(Caps.alert("T-3", "Draft", "Alert", Caps.square(), "fr"), null, null);
    assertThat(TestGateway.json(draft).getInteger("total")).isZero();
    List<TestSmsc.Text> texts = relais.smsc.awaitTexts(2, 15_000);
    assertThat(texts).extracting(TestSmsc.Text::destination).containsOnly("21620000021");
    assertThat(texts.getFirst().text()).startsWith("[TEST] Alerte inondation");
    assertThat(texts.get(1).text()).startsWith("[EXERCISE] Alerte inondation");
  }

  @Test
  void shouldCountInADryRunAndAskASecondApproverAboveTheThreshold() throws Exception {
    start(Map.of("RELAIS_ALERTS_APPROVAL_THRESHOLD", "2"));
    for (int i = 0; i < 3; i++) {
      subscriber("+2162000003" + i, "fr", 36.82, 10.17 + i * 0.01);
    }
    HttpResponse<String> dry = post(Caps.flood("D-1", "fr"), null, "?dry_run=true");
    assertThat(dry.statusCode()).as(dry.body()).isEqualTo(200);
    JsonObject counts = TestGateway.json(dry);
    assertThat(counts.getJsonObject("recipients").getInteger("sms")).isEqualTo(3);
    assertThat(counts.getJsonObject("recipients").getInteger("voice")).isZero();
    assertThat(counts.getString("voice_unavailable")).contains("ami.enabled");
    assertThat(counts.getBoolean("approval_required")).isTrue();

    HttpResponse<String> alone = post(Caps.flood("D-1", "fr"), null, null);
    assertThat(alone.statusCode()).isEqualTo(403);
    assertThat(TestGateway.json(alone).getJsonObject("error").getString("code")).isEqualTo("approval_required");
    assertThat(post(Caps.flood("D-1", "fr"), ALERTER, null).statusCode()).as("own token").isEqualTo(403);
    assertThat(post(Caps.flood("D-1", "fr"), TestGateway.SENDER, null).statusCode()).as("not an approver")
        .isEqualTo(403);
    assertThat(post(Caps.flood("D-1", "fr"), "unknown-token-123", null).statusCode()).isEqualTo(403);
    assertThat(relais.smsc.submitCount()).isZero();
    HttpResponse<String> approved = post(Caps.flood("D-1", "fr"), APPROVER, null);
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(202);
    JsonObject s = status(TestGateway.json(approved).getString("id"));
    assertThat(s.getString("approved_by")).startsWith("token:").isNotEqualTo(s.getString("requested_by"));
    relais.smsc.awaitTexts(3, 15_000);
    assertThat(relais.api("POST", "/api/v1/alerts", TestGateway.SENDER, Caps.flood("D-2", "fr").encode())
        .statusCode()).as("senders do not alert").isEqualTo(403);
  }

  @Test
  void shouldRefuseHostileOrInvalidCapWithThePathOfTheFault() throws Exception {
    start(Map.of());
    HttpResponse<String> xxe = send("application/cap+xml", CapXmlTest.fixture("xxe.xml"), ALERTER, null, null);
    assertThat(xxe.statusCode()).isEqualTo(400);
    assertThat(xxe.body()).contains("DOCTYPE").doesNotContain("root:");
    HttpResponse<String> lol = send("application/cap+xml", CapXmlTest.fixture("billion-laughs.xml"), ALERTER, null, null);
    assertThat(lol.statusCode()).isEqualTo(400);
    JsonObject bad = Caps.flood("B-1", "fr");
    bad.getJsonArray("info").getJsonObject(0).getJsonArray("area").getJsonObject(0)
        .put("polygon", new JsonArray().add("36.8,10.1 36.9,10.1 36.9,10.2 36.8,10.3"));
    JsonObject error = TestGateway.json(post(bad, null, null)).getJsonObject("error");
    assertThat(error.getString("code")).isEqualTo("invalid_cap");
    assertThat(error.getString("field")).isEqualTo("alert/info[0]/area[0]/polygon[0]");
    JsonObject noArea = Caps.flood("B-2", "fr");
    noArea.getJsonArray("info").getJsonObject(0).remove("area");
    assertThat(TestGateway.json(post(noArea, null, null)).getJsonObject("error").getString("field"))
        .isEqualTo("alert/info[0]/area");
    JsonObject expired = Caps.flood("B-3", "fr");
    expired.getJsonArray("info").getJsonObject(0).put("expires", "2020-01-01T00:00:00+01:00");
    JsonObject late = TestGateway.json(post(expired, null, null)).getJsonObject("error");
    assertThat(late.getString("code")).isEqualTo("alert_expired");
    assertThat(late.getString("field")).isEqualTo("alert/info[0]/expires");
    assertThat(send("text/plain", "hello", ALERTER, null, null).statusCode()).isEqualTo(415);
    HttpResponse<String> xml = send("application/cap+xml", CapXmlTest.fixture("flood.xml"), ALERTER, null, null);
    assertThat(xml.statusCode()).as(xml.body()).isEqualTo(202);
  }

  @Test
  void shouldStopWhatIsNotSentWhenCancelledMidWay() throws Exception {
    start(Map.of("RELAIS_SMPP_TPS", "40", "RELAIS_SMPP_WINDOW", "2"));
    List<org.relais.gateway.subscribers.Subscriber> many = new java.util.ArrayList<>();
    for (int i = 0; i < 300; i++) {
      many.add(inside("+2162100" + (1000 + i), "fr"));
    }
    relais.gateway.services().store().subscribers().saveAll(many).await();
    String id = TestGateway.json(post(Caps.flood("C-1", "fr"), null, null)).getString("id");
    relais.smsc.awaitSubmits(20, 15_000);
    HttpResponse<String> cancel = relais.api("POST", "/api/v1/alerts/" + id + "/cancel", ALERTER, "{}");
    assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);
    int stopped = TestGateway.json(cancel).getInteger("stopped");
    assertThat(stopped).isGreaterThan(200);
    TestGateway.await("nothing queued", 15_000, () -> queuedOf(id) == 0);
    JsonObject s = status(id);
    assertThat(s.getString("state")).isEqualTo("cancelled");
    JsonObject sms = s.getJsonObject("sms");
    assertThat(sms.getLong("submitted") + sms.getLong("cancelled")).isEqualTo(300);
    assertThat(sms.getLong("cancelled")).as("every one stopped, but the submits already on the wire (window 2)")
        .isBetween(stopped - 2L, (long) stopped);
    long[] recorded = {sms.getLong("submitted")};
    try {
      TestGateway.await("the last submits answered", 15_000, () -> {
        recorded[0] = status(id).getJsonObject("sms").getLong("submitted");
        return relais.smsc.submitCount() == recorded[0];
      });
    } catch (AssertionError e) {
      // falls through to the assertion below, which shows both counts
    }
    assertThat((long) relais.smsc.submitCount()).as("the SMSC got exactly what is recorded sent: " + status(id))
        .isEqualTo(recorded[0]);
    assertThat(relais.api("POST", "/api/v1/alerts/nope/cancel", ALERTER, "{}").statusCode()).isEqualTo(404);
  }

  private long queuedOf(String id) {
    try {
      return status(id).getJsonObject("sms").getLong("queued");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static org.relais.gateway.subscribers.Subscriber inside(String msisdn, String language) {
    return new org.relais.gateway.subscribers.Subscriber(msisdn, language, List.of(),
        new org.relais.gateway.subscribers.Subscriber.Place(36.82, 10.17),
        java.util.EnumSet.of(org.relais.gateway.subscribers.Channel.SMS),
        Map.of(org.relais.gateway.subscribers.Consent.ALERTS, true), false, false, null);
  }

  @Test
  void shouldStopTheOldAlertOnUpdateAndOnCapCancel() throws Exception {
    start(Map.of("RELAIS_SMPP_TPS", "20", "RELAIS_SMPP_WINDOW", "1"));
    List<org.relais.gateway.subscribers.Subscriber> many = new java.util.ArrayList<>();
    for (int i = 0; i < 100; i++) {
      many.add(inside("+2162200" + (1000 + i), i % 2 == 0 ? "fr" : "ar"));
    }
    relais.gateway.services().store().subscribers().saveAll(many).await();
    String first = TestGateway.json(post(Caps.flood("U-1", "fr", "ar"), null, null)).getString("id");
    relais.smsc.awaitSubmits(5, 15_000);
    JsonObject update = Caps.flood("U-2", "fr", "ar").put("msgType", "Update").put("references", Caps.reference("U-1")
        + " " + Caps.reference("NEVER-SEEN"));
    update.getJsonArray("info").getJsonObject(0).put("headline", "Crue en baisse");
    HttpResponse<String> r = post(update, null, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    JsonObject accepted = TestGateway.json(r);
    assertThat(accepted.getInteger("stopped")).isGreaterThan(50);
    assertThat(accepted.getJsonArray("unknown_references")).containsExactly(Caps.reference("NEVER-SEEN"));
    String second = accepted.getString("id");
    JsonObject old = status(first);
    assertThat(old.getString("state")).isEqualTo("cancelled");
    assertThat(old.getString("superseded_by")).isNull();

    JsonObject cancel = new JsonObject().put("identifier", "U-3").put("sender", "mairie@example.tn")
        .put("sent", Caps.SENT).put("status", "Actual").put("msgType", "Cancel").put("scope", "Public")
        .put("references", Caps.reference("U-2"));
    HttpResponse<String> c = post(cancel, null, null);
    assertThat(c.statusCode()).as(c.body()).isEqualTo(202);
    TestGateway.await("nothing queued", 15_000, () -> queuedOf(first) == 0 && queuedOf(second) == 0);
    assertThat(status(second).getString("state")).isEqualTo("cancelled");
    assertThat(status(second).getString("superseded_by")).isEqualTo(TestGateway.json(c).getString("id"));
    TestGateway.await("answers", 15_000, () -> relais.smsc.submitCount()
        == sent(first) + sent(second));
    assertThat(relais.smsc.texts().stream().filter(t -> t.text().startsWith("Crue en baisse"))
        .allMatch(t -> Integer.parseInt(t.destination().substring(8)) % 2 == 0)).isTrue();
  }

  private long sent(String id) {
    try {
      return status(id).getJsonObject("sms").getLong("submitted");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void shouldSendEveryoneExactlyOnceWhenTheGatewayRestartsWhileSending() throws Exception {
    start(Map.of("RELAIS_SMPP_TPS", "50", "RELAIS_SMPP_WINDOW", "2"));
    List<org.relais.gateway.subscribers.Subscriber> many = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      many.add(inside("+2162400" + (1000 + i), i % 2 == 0 ? "fr" : "ar"));
    }
    relais.gateway.services().store().subscribers().saveAll(many).await();
    String id = TestGateway.json(post(Caps.flood("M-1", "fr", "ar"), null, null)).getString("id");
    relais.smsc.awaitSubmits(30, 15_000);
    relais = relais.restart();
    TestGateway.await("200 sent", 30_000, () -> relais.smsc.submitCount() >= 200);
    TestGateway.await("done", 15_000, () -> "done".equals(stateOf(id)));
    Map<String, List<String>> texts = textsByNumber();
    assertThat(texts).hasSize(200);
    assertThat(texts.values()).allSatisfy(t -> assertThat(t).hasSize(1));
    assertThat(relais.smsc.submitCount()).as("nobody twice").isEqualTo(200);
    assertThat(status(id).getJsonObject("sms").getLong("submitted")).isEqualTo(200);
  }

  @Test
  void shouldResumeAnInterruptedFanOutAfterARestartWithoutSkippingOrRepeatingAnyone() throws Exception {
    start(Map.of());
    List<org.relais.gateway.subscribers.Subscriber> many = new java.util.ArrayList<>();
    for (int i = 0; i < 50; i++) {
      many.add(inside("+2162300" + (1000 + i), "fr"));
    }
    AlertStore alerts = relais.gateway.services().store().alerts();
    relais.gateway.services().store().subscribers().saveAll(many).await();
    org.relais.gateway.alerts.cap.CapAlert cap = org.relais.gateway.alerts.cap.CapJson.read(Caps.flood("R-1", "fr"));
    AlertRecord record = alerts.create(cap, "token:test", null).await();
    List<Recipient> firstTwenty = many.subList(0, 20).stream().map(s -> new Recipient(s.msisdn(),
        org.relais.gateway.subscribers.Channel.SMS, "fr", "Alerte inondation. desc-fr", 1)).toList();
    assertThat(alerts.addRecipients(record.id(), firstTwenty, 60_000).await()).isEqualTo(20);
    assertThat(alerts.addRecipients(record.id(), firstTwenty, 60_000).await()).as("a batch twice adds nobody").isZero();
    relais.smsc.awaitTexts(20, 15_000);

    relais = relais.restart();
    TestGateway.await("50 sent", 30_000, () -> relais.smsc.submitCount() >= 50);
    Map<String, List<String>> texts = textsByNumber();
    assertThat(texts).hasSize(50);
    assertThat(texts.values()).allSatisfy(t -> assertThat(t).containsExactly("Alerte inondation. desc-fr"));
    TestGateway.await("done", 15_000, () -> "done".equals(stateOf(record.id())));
    assertThat(status(record.id()).getJsonObject("sms").getInteger("targeted")).isEqualTo(50);
  }

  private String stateOf(String id) {
    try {
      return status(id).getString("state");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
