package org.relais.gateway.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.relais.gateway.MutableClock;
import org.relais.gateway.NoBlockedEventLoops;
import org.relais.gateway.TestGateway;
import org.relais.gateway.subscribers.Consent;
import org.relais.sms.smpp.TestSmsc;

/**
 * Batches end to end: the body streamed over a socket to the HTTP API, staged in the store,
 * released to the queue and sent through the SMPP bind to a cloudhopper SMSC. The clock reads
 * noon in Tunis unless a test moves it into the quiet hours.
 */
@Timeout(90)
@ExtendWith(NoBlockedEventLoops.class)
class BatchesTest {

  static final Instant NOON = Instant.parse("2026-11-23T11:00:00Z");

  @TempDir
  Path dir;
  private TestGateway relais;
  private final MutableClock clock = new MutableClock(NOON);
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() throws Exception {
    if (relais != null) {
      relais.close();
    }
  }

  private void start(Map<String, String> env) throws Exception {
    relais = TestGateway.start(dir, env, clock);
  }

  static String bill(String to, String language, Object amount) {
    JsonObject params = new JsonObject().put("account", "A-" + to.substring(to.length() - 4)).put("period", "10/2026")
        .put("amount", amount).put("due_date", "15/12/2026");
    JsonObject line = new JsonObject().put("to", to).put("params", params);
    if (language != null) {
      line.put("language", language);
    }
    return line.encode();
  }

  private HttpResponse<String> post(String query, String contentType, HttpRequest.BodyPublisher body)
      throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + relais.gateway.httpPort()
            + "/api/v1/batches?" + query))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + TestGateway.SENDER)
        .header("Content-Type", contentType)
        .POST(body).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> ndjson(String query, String... lines) throws Exception {
    return post(query, "application/x-ndjson", HttpRequest.BodyPublishers.ofString(String.join("\n", lines) + "\n"));
  }

  private JsonObject batch(String id) throws Exception {
    HttpResponse<String> r = relais.api("GET", "/api/v1/batches/" + id, TestGateway.SENDER, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return TestGateway.json(r);
  }

  private long count(String id, String state) throws Exception {
    return batch(id).getJsonObject("counts").getLong(state);
  }

  @Test
  void shouldSendAStreamedBatchOfBillsEachInItsRecipientsLanguage() throws Exception {
    start(Map.of());
    HttpResponse<String> r = ndjson("template=bill&name=bills-october",
        bill("+21620000001", "fr", 1234.5), bill("+21620000002", "ar", 87), "", bill("+21620000003", "en", "42.000"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    JsonObject created = TestGateway.json(r);
    String id = created.getString("id");
    assertThat(created.getLong("recipients")).isEqualTo(3);
    assertThat(created.getString("priority")).isEqualTo("bulk");
    assertThat(r.headers().firstValue("Location")).contains("/api/v1/batches/" + id);

    List<TestSmsc.Text> texts = relais.smsc.awaitTexts(3, 15_000);
    Map<String, String> byNumber = new java.util.HashMap<>();
    texts.forEach(t -> byNumber.put(t.destination(), t.text()));
    assertThat(byNumber.get("21620000001"))
        .isEqualTo("Facture 10/2026 du compte A-0001: 1 234,5 DT, à régler avant le 15/12/2026.");
    assertThat(byNumber.get("21620000002")).startsWith("فاتورة 10/2026 للحساب A-0002: 87 د.ت");
    assertThat(byNumber.get("21620000003")).isEqualTo("Bill 10/2026 for account A-0003: 42.000 TND, due by 15/12/2026.");
    TestGateway.await("every bill submitted", 15_000, () -> {
      try {
        return count(id, "submitted") == 3;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    JsonObject done = batch(id);
    assertThat(done.getString("state")).isEqualTo("completed");
    assertThat(done.getString("name")).isEqualTo("bills-october");
    assertThat(done.getJsonObject("counts").getLong("waiting")).isZero();
    assertThat(done.getJsonObject("estimate").getLong("remaining_segments")).isZero();
  }

  @Test
  void shouldAcceptAJsonArrayBatchAndUseTheBatchLanguageForRecipientsWithoutOne() throws Exception {
    start(Map.of());
    String body = new JsonArray()
        .add(new JsonObject(bill("+21620000011", null, 10)))
        .add(new JsonObject(bill("+21620000012", "fr", 20))).encode();
    HttpResponse<String> r = post("template=bill&language=en&priority=normal", "application/json",
        HttpRequest.BodyPublishers.ofString(body));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    assertThat(TestGateway.json(r).getString("priority")).isEqualTo("normal");
    List<TestSmsc.Text> texts = relais.smsc.awaitTexts(2, 15_000);
    assertThat(texts).extracting(TestSmsc.Text::text).containsExactlyInAnyOrder(
        "Bill 10/2026 for account A-0011: 10 TND, due by 15/12/2026.",
        "Facture 10/2026 du compte A-0012: 20 DT, à régler avant le 15/12/2026.");
  }

  @Test
  void shouldRejectTheWholeBatchBeforeAnythingIsSentWhenARecipientLacksAVariable() throws Exception {
    start(Map.of());
    String missing = new JsonObject().put("to", "+21620000023").put("params", new JsonObject()
        .put("account", "A-0023").put("period", "10/2026").put("due_date", "15/12/2026")).encode();
    HttpResponse<String> r = ndjson("template=bill", bill("+21620000021", "fr", 10), bill("+21620000022", "fr", 11),
        missing, bill("+21620000024", "fr", 12));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    JsonObject error = TestGateway.json(r).getJsonObject("error");
    assertThat(error.getString("code")).isEqualTo("invalid_recipient");
    assertThat(error.getLong("line")).isEqualTo(3);
    assertThat(error.getString("field")).isEqualTo("params.amount");
    assertThat(error.getString("message")).startsWith("line 3 (").contains("variable amount is missing");

    List<Map<String, Object>> batches = relais.query("SELECT id, state, error FROM batches");
    assertThat(batches).hasSize(1);
    assertThat(batches.getFirst().get("state")).isEqualTo("rejected");
    TestGateway.await("staged recipients deleted", 10_000, () -> rows("SELECT * FROM batch_recipients") == 0);
    assertThat(relais.query("SELECT * FROM messages")).as("nothing queued").isEmpty();
    String rejected = (String) batches.getFirst().get("id");
    assertThat(batch(rejected).getString("state")).isEqualTo("rejected");
    assertThat(batch(rejected).getString("error")).contains("line 3");

    // A message sent now is the first and only text the SMSC gets: nothing of the batch went.
    HttpResponse<String> one = relais.api("POST", "/api/v1/messages", TestGateway.SENDER,
        "{\"to\":\"+21620000099\",\"text\":\"seul message\"}");
    assertThat(one.statusCode()).isEqualTo(202);
    assertThat(relais.smsc.awaitTexts(1, 10_000).getFirst().text()).isEqualTo("seul message");
    assertThat(relais.smsc.texts()).hasSize(1);
  }

  @Test
  void shouldNameTheLineOfAnInvalidNumberOrAnInvalidLine() throws Exception {
    start(Map.of());
    HttpResponse<String> badNumber = ndjson("template=bill", bill("+21620000031", "fr", 1),
        bill("06-12-ab", "fr", 2));
    assertThat(badNumber.statusCode()).isEqualTo(400);
    JsonObject error = TestGateway.json(badNumber).getJsonObject("error");
    assertThat(error.getLong("line")).isEqualTo(2);
    assertThat(error.getString("field")).isEqualTo("to");
    assertThat(error.getString("message")).contains("is not a phone number");

    HttpResponse<String> notJson = ndjson("template=bill", bill("+21620000031", "fr", 1), "{\"to\": ");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(TestGateway.json(notJson).getJsonObject("error").getLong("line")).isEqualTo(2);

    HttpResponse<String> unknownLanguage = ndjson("template=bill", bill("+21620000031", "de", 1));
    assertThat(TestGateway.json(unknownLanguage).getJsonObject("error").getString("field")).isEqualTo("language");

    HttpResponse<String> unknownTemplate = ndjson("template=invoice", bill("+21620000031", "fr", 1));
    assertThat(unknownTemplate.statusCode()).isEqualTo(422);
    assertThat(TestGateway.json(unknownTemplate).getJsonObject("error").getString("field")).isEqualTo("template");

    HttpResponse<String> empty = ndjson("template=bill", "");
    assertThat(TestGateway.json(empty).getJsonObject("error").getString("code")).isEqualTo("empty_batch");

    HttpResponse<String> text = post("template=bill", "text/plain", HttpRequest.BodyPublishers.ofString("x"));
    assertThat(text.statusCode()).isEqualTo(415);
    assertThat(relais.query("SELECT * FROM messages")).isEmpty();
    assertThat(relais.query("SELECT * FROM batches WHERE state <> 'rejected'")).isEmpty();
  }

  @Test
  void shouldRefuseALineTooLongTooManyRecipientsAndABodyThatIsNoArray() throws Exception {
    start(Map.of("RELAIS_NOTIFICATIONS_MAX_LINE_KB", "1", "RELAIS_NOTIFICATIONS_MAX_RECIPIENTS", "2"));
    String longLine = new JsonObject().put("to", "+21620000035").put("reference", "x".repeat(2000)).encode();
    HttpResponse<String> tooLong = ndjson("template=bill", bill("+21620000034", "fr", 1), longLine);
    assertThat(tooLong.statusCode()).isEqualTo(400);
    JsonObject error = TestGateway.json(tooLong).getJsonObject("error");
    assertThat(error.getLong("line")).isEqualTo(2);
    assertThat(error.getString("message")).contains("longer than 1 KB");

    HttpResponse<String> tooMany = ndjson("template=bill", bill("+21620000036", "fr", 1), bill("+21620000037", "fr", 2),
        bill("+21620000038", "fr", 3));
    assertThat(tooMany.statusCode()).isEqualTo(413);
    assertThat(TestGateway.json(tooMany).getJsonObject("error").getString("code")).isEqualTo("too_many_recipients");

    HttpResponse<String> object = post("template=bill", "application/json",
        HttpRequest.BodyPublishers.ofString(bill("+21620000039", "fr", 1)));
    assertThat(object.statusCode()).isEqualTo(400);
    assertThat(TestGateway.json(object).getJsonObject("error").getString("code")).isEqualTo("invalid_json");

    HttpResponse<String> notObjects = post("template=bill", "application/json",
        HttpRequest.BodyPublishers.ofString("[" + bill("+21620000039", "fr", 1) + ", 42]"));
    assertThat(TestGateway.json(notObjects).getJsonObject("error").getString("message"))
        .startsWith("recipient 2: each recipient must be a JSON object");
    TestGateway.await("every refused batch's recipients deleted", 10_000,
        () -> rows("SELECT * FROM batch_recipients") == 0);
    assertThat(relais.query("SELECT * FROM messages")).isEmpty();
  }

  @Test
  void shouldSkipARecipientWhoOptedOutAndCountIt() throws Exception {
    start(Map.of());
    assertThat(relais.citizenSends("+21620000041", "STOP")).isZero();
    relais.smsc.awaitTexts(1, 10_000);
    TestGateway.await("opted out", 10_000, () -> relais.gateway.services().optOuts().isOptedOut("+21620000041"));
    HttpResponse<String> r = ndjson("template=bill", bill("+21620000041", "fr", 1), bill("+21620000042", "fr", 2));
    String id = TestGateway.json(r).getString("id");
    List<TestSmsc.Text> texts = relais.smsc.awaitTexts(2, 15_000);
    assertThat(texts.get(1).destination()).isEqualTo("21620000042");
    TestGateway.await("released", 10_000, () -> {
      try {
        return count(id, "skipped_opted_out") == 1 && count(id, "waiting") == 0;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(relais.query("SELECT state FROM batch_recipients WHERE destination = '+21620000041'"))
        .containsExactly(Map.of("state", "skipped_opted_out"));
    assertThat(relais.query("SELECT * FROM messages WHERE destination = '+21620000041' AND batch_id IS NOT NULL"))
        .as("no message of the batch to the number that sent STOP").isEmpty();
  }

  @Test
  void shouldSkipARecipientWhoRefusedBillsButNotOneWhoRefusedOnlyAlerts() throws Exception {
    start(Map.of());
    assertThat(relais.api("PUT", "/api/v1/subscribers/+21620000051", TestGateway.ADMIN,
        "{\"language\":\"fr\",\"consents\":{\"bills\":false}}").statusCode()).isEqualTo(200);
    assertThat(relais.api("PUT", "/api/v1/subscribers/+21620000052", TestGateway.ADMIN,
        "{\"language\":\"fr\",\"consents\":{\"alerts\":false,\"bills\":true}}").statusCode()).isEqualTo(200);
    HttpResponse<String> r = ndjson("template=bill", bill("+21620000051", "fr", 1), bill("+21620000052", "fr", 2));
    String id = TestGateway.json(r).getString("id");
    assertThat(relais.smsc.awaitTexts(1, 15_000).getFirst().destination()).isEqualTo("21620000052");
    TestGateway.await("released", 10_000, () -> {
      try {
        return count(id, "skipped_opted_out") == 1 && count(id, "waiting") == 0;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(relais.query("SELECT state FROM batch_recipients WHERE destination = '+21620000051'"))
        .containsExactly(Map.of("state", "skipped_opted_out"));

    assertThat(relais.api("PUT", "/api/v1/subscribers/+21620000051", TestGateway.ADMIN,
        "{\"language\":\"fr\",\"consents\":{\"bills\":true}}").statusCode()).isEqualTo(200);
    assertThat(relais.gateway.services().optOuts().refuses("+21620000051", Consent.BILLS))
        .as("consent given again").isFalse();
  }

  @Test
  void shouldHoldABillDuringQuietHoursButNeverAnAlert() throws Exception {
    clock.set(Instant.parse("2026-11-23T21:30:00Z"));
    start(Map.of());
    HttpResponse<String> r = ndjson("template=bill", bill("+21620000051", "fr", 99));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    String id = TestGateway.json(r).getString("id");
    JsonObject held = batch(id);
    assertThat(held.getString("state")).isEqualTo("quiet_hours");
    assertThat(held.getJsonObject("estimate").getString("starts_at")).isEqualTo("2026-11-24T07:00:00Z");

    HttpResponse<String> alert = relais.api("POST", "/api/v1/messages", TestGateway.ADMIN,
        "{\"to\":\"+21620000052\",\"text\":\"Alerte crue: évacuez la berge\",\"priority\":\"alert\"}");
    assertThat(alert.statusCode()).isEqualTo(202);
    assertThat(relais.smsc.awaitTexts(1, 10_000).getFirst().text()).startsWith("Alerte crue");
    notifications().releaseNow().await(10, TimeUnit.SECONDS);
    assertThat(relais.smsc.texts()).as("the bill waits").hasSize(1);
    assertThat(count(id, "waiting")).isEqualTo(1);

    clock.set(Instant.parse("2026-11-24T07:00:01Z"));
    assertThat(relais.smsc.awaitTexts(2, 15_000).get(1).text()).startsWith("Facture 10/2026 du compte A-0051: 99 DT");
  }

  @Test
  void shouldHoldQueuedRemindersWhenQuietHoursBeginAndFreeThemWhenTheyEnd() throws Exception {
    start(Map.of("RELAIS_SMPP_MAX_IN_FLIGHT", "1"));
    relais.smsc.requirePassword("not-yet");
    relais.smsc.dropConnections();
    TestGateway.await("unbound", 10_000, () -> relais.smsc.boundSessions() == 0);
    String[] lines = new String[3];
    for (int i = 0; i < 3; i++) {
      lines[i] = new JsonObject().put("to", "+2162000006" + i).put("params", new JsonObject().put("account", "A-6" + i)
          .put("amount", 12).put("due_date", "01/11/2026")).encode();
    }
    String id = TestGateway.json(ndjson("template=payment_reminder", lines)).getString("id");
    TestGateway.await("released to the queue", 10_000, () -> rows("SELECT * FROM messages") == 3);
    clock.set(Instant.parse("2026-11-23T20:00:00Z"));
    notifications().releaseNow().await(10, TimeUnit.SECONDS);
    assertThat(count(id, "held_quiet_hours")).as("held in the store").isGreaterThanOrEqualTo(2);
    relais.smsc.requirePassword(null);
    relais.smsc.awaitBound(10_000);
    HttpResponse<String> reply = relais.api("POST", "/api/v1/messages", TestGateway.SENDER,
        "{\"to\":\"+21620000069\",\"text\":\"réponse\",\"priority\":\"reply\"}");
    assertThat(reply.statusCode()).isEqualTo(202);
    TestGateway.await("the reply", 10_000, () -> relais.smsc.texts().stream().anyMatch(t -> t.text().equals("réponse")));
    assertThat(relais.smsc.texts().stream().filter(t -> t.text().startsWith("Rappel")))
        .as("at most the one already in memory on its way to the bind").hasSizeLessThanOrEqualTo(1);

    clock.set(Instant.parse("2026-11-24T07:30:00Z"));
    TestGateway.await("every reminder", 15_000,
        () -> relais.smsc.texts().stream().filter(t -> t.text().startsWith("Rappel: la facture")).count() == 3);
    assertThat(count(id, "held_quiet_hours")).isZero();
  }

  @Test
  void shouldStartAScheduledBatchAtItsTime() throws Exception {
    start(Map.of());
    HttpResponse<String> r = ndjson("template=bill&schedule_at=2026-11-23T14:00:00%2B01:00",
        bill("+21620000071", "fr", 5));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    String id = TestGateway.json(r).getString("id");
    notifications().releaseNow().await(10, TimeUnit.SECONDS);
    assertThat(batch(id).getString("state")).isEqualTo("scheduled");
    assertThat(relais.query("SELECT * FROM messages")).isEmpty();
    clock.set(Instant.parse("2026-11-23T13:00:00Z"));
    assertThat(relais.smsc.awaitTexts(1, 15_000).getFirst().destination()).isEqualTo("21620000071");
  }

  @Test
  void shouldReadABigStreamedBatchInChunksAndReleaseItAsTheQueueDrains() throws Exception {
    start(Map.of("RELAIS_HTTP_MAX_BODY_KB", "64", "RELAIS_NOTIFICATIONS_RELEASE_AHEAD", "1000",
        "RELAIS_SMPP_MAX_IN_FLIGHT", "100"));
    relais.smsc.requirePassword("not-yet");
    relais.smsc.dropConnections();
    TestGateway.await("unbound", 10_000, () -> relais.smsc.boundSessions() == 0);
    int n = 20_000;
    HttpResponse<String> r = post("template=bill", "application/x-ndjson",
        HttpRequest.BodyPublishers.ofInputStream(() -> new Lines(n)));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    JsonObject created = TestGateway.json(r);
    String id = created.getString("id");
    assertThat(created.getLong("recipients")).as("a body far above http.max_body_kb").isEqualTo(n);
    assertThat(rows("SELECT * FROM batch_recipients")).isEqualTo(n);

    for (int i = 0; i < 5; i++) {
      notifications().releaseNow().await(10, TimeUnit.SECONDS);
    }
    long queued = rows("SELECT * FROM messages WHERE batch_id = '" + id + "'");
    assertThat(queued).as("released as the queue drains, not all at once").isBetween(500L, 1000L);
    JsonObject progress = batch(id);
    assertThat(progress.getString("state")).isEqualTo("sending");
    assertThat(progress.getJsonObject("counts").getLong("waiting")).isEqualTo(n - queued);
    assertThat(progress.getJsonObject("estimate").getString("note")).isEqualTo("no SMSC bind is up");

    HttpResponse<String> cancelled = relais.api("DELETE", "/api/v1/batches/" + id, TestGateway.SENDER, null);
    assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
    JsonObject after = TestGateway.json(cancelled);
    JsonObject counts = after.getJsonObject("counts");
    assertThat(after.getString("state")).isEqualTo("cancelled");
    long inMemory = counts.getLong("queued");
    assertThat(inMemory).as("only what the dispatcher holds in memory stays").isLessThanOrEqualTo(100);
    assertThat(counts.getLong("cancelled") + inMemory).isEqualTo(n);
    relais.smsc.requirePassword(null);
    relais.smsc.awaitTexts((int) inMemory, 30_000);
    notifications().releaseNow().await(10, TimeUnit.SECONDS);
    assertThat(relais.smsc.texts()).as("nothing after the cancel but what was in memory").hasSize((int) inMemory);
  }

  @Test
  void shouldAnswerAReplayedIdempotencyKeyWithTheSameBatch() throws Exception {
    start(Map.of());
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + relais.gateway.httpPort()
            + "/api/v1/batches?template=bill"))
        .header("Authorization", "Bearer " + TestGateway.SENDER)
        .header("Content-Type", "application/x-ndjson")
        .header("Idempotency-Key", "bills-2026-10");
    String body = bill("+21620000081", "fr", 3) + "\n";
    HttpResponse<String> first = http.send(b.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> again = http.send(b.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(TestGateway.json(again).getString("id")).isEqualTo(TestGateway.json(first).getString("id"));
    assertThat(rows("SELECT * FROM batches")).isEqualTo(1);
  }

  @Test
  void shouldRefuseASecondUploadWithTheKeyOfOneStillBeingRead() throws Exception {
    start(Map.of());
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", relais.gateway.httpPort())) {
      java.io.OutputStream out = socket.getOutputStream();
      byte[] line = (bill("+21620000082", "fr", 1) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
      out.write(("POST /api/v1/batches?template=bill HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
          + TestGateway.SENDER + "\r\nContent-Type: application/x-ndjson\r\nIdempotency-Key: reminders-2026-11\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(line.length) + "\r\n")
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      out.write(line);
      out.write("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      out.flush();
      TestGateway.await("the first upload in staging", 10_000,
          () -> rows("SELECT * FROM batches WHERE state = 'staging'") == 1);

      HttpResponse<String> second = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
              + relais.gateway.httpPort() + "/api/v1/batches?template=bill"))
          .header("Authorization", "Bearer " + TestGateway.SENDER)
          .header("Content-Type", "application/x-ndjson")
          .header("Idempotency-Key", "reminders-2026-11")
          .POST(HttpRequest.BodyPublishers.ofString(bill("+21620000083", "fr", 2))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
      assertThat(TestGateway.json(second).getJsonObject("error").getString("code"))
          .isEqualTo("idempotency_key_in_use");

      out.write("0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      out.flush();
      String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
          java.nio.charset.StandardCharsets.US_ASCII)).readLine();
      assertThat(status).isEqualTo("HTTP/1.1 202 Accepted");
    }
    assertThat(relais.smsc.awaitTexts(1, 10_000).getFirst().destination()).isEqualTo("21620000082");
    assertThat(rows("SELECT * FROM batches")).isEqualTo(1);
  }

  @Test
  void shouldSendEveryRecipientOfAnOpenBatchAfterARestart() throws Exception {
    start(Map.of("RELAIS_NOTIFICATIONS_RELEASE_CHUNK", "5", "RELAIS_NOTIFICATIONS_RELEASE_AHEAD", "10"));
    relais.smsc.requirePassword("not-yet");
    relais.smsc.dropConnections();
    TestGateway.await("unbound", 10_000, () -> relais.smsc.boundSessions() == 0);
    String[] lines = new String[30];
    for (int i = 0; i < lines.length; i++) {
      lines[i] = bill("+216210000" + (10 + i), "fr", i);
    }
    String id = TestGateway.json(ndjson("template=bill", lines)).getString("id");
    TestGateway.await("a first release", 10_000, () -> rows("SELECT * FROM messages") >= 5);
    relais = relais.restart();
    relais.smsc.requirePassword(null);
    relais.smsc.awaitTexts(30, 30_000);
    assertThat(relais.smsc.texts()).extracting(TestSmsc.Text::destination).doesNotHaveDuplicates().hasSize(30);
    TestGateway.await("every recipient submitted", 15_000, () -> {
      try {
        return count(id, "submitted") == 30;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @Test
  void shouldRejectABatchWhoseUploadAStopCutOff() throws Exception {
    start(Map.of());
    relais.stopGateway();
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("relais.db"));
        java.sql.Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO batches (id, template, category, priority, state, created_at, updated_at)"
          + " VALUES ('bat_CUT', 'bill', 'bills', 'BULK', 'staging', 0, 0)");
      s.executeUpdate("INSERT INTO batch_recipients (batch_id, seq, destination, language, body, parts, state)"
          + " VALUES ('bat_CUT', 1, '+21620000091', 'fr', 'Facture', 1, 'waiting')");
    }
    relais = relais.restart();
    JsonObject cut = batch("bat_CUT");
    assertThat(cut.getString("state")).isEqualTo("rejected");
    assertThat(cut.getString("error")).contains("cut off");
    TestGateway.await("its recipients deleted", 10_000, () -> rows("SELECT * FROM batch_recipients") == 0);
    assertThat(relais.query("SELECT * FROM messages")).isEmpty();
  }

  private Notifications notifications() {
    return relais.gateway.notifications();
  }

  private long rows(String sql) {
    try {
      return relais.query(sql).size();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** NDJSON lines made as they are read: the test holds no more of the body than the server does. */
  static final class Lines extends java.io.InputStream {
    private final int total;
    private int next;
    private byte[] current = new byte[0];
    private int at;

    Lines(int total) {
      this.total = total;
    }

    @Override
    public int read() {
      if (at == current.length) {
        if (next == total) {
          return -1;
        }
        next++;
        current = (bill("+2162" + String.format("%07d", next), next % 3 == 0 ? "ar" : "fr", next) + "\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        at = 0;
      }
      return current[at++] & 0xFF;
    }
  }
}
