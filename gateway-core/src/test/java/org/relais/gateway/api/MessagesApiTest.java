package org.relais.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudhopper.smpp.pdu.DeliverSm;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.relais.gateway.NoBlockedEventLoops;
import org.relais.gateway.TestGateway;
import org.relais.sms.smpp.TestSmsc;

/** The HTTP API over a socket, with the gateway bound to a cloudhopper SMSC. */
@Timeout(60)
@ExtendWith(NoBlockedEventLoops.class)
class MessagesApiTest {

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

  @Test
  void shouldAnswerHttpOnEveryConnectionWhenBothPortsAreChosenFreely() throws Exception {
    assertThat(relais.gateway.httpPort()).isNotEqualTo(relais.gateway.agiPort());
    for (int i = 0; i < 16; i++) {
      try (java.net.Socket socket = new java.net.Socket("127.0.0.1", relais.gateway.httpPort())) {
        socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: relais\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII));
        String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
            StandardCharsets.US_ASCII)).readLine();
        assertThat(status).as("connection %d", i).startsWith("HTTP/1.1 ");
      }
    }
  }

  @Test
  void shouldQueueARepeatedRequestOnceWhenItCarriesTheSameIdempotencyKey() throws Exception {
    String body = "{\"to\":\"+21620123456\",\"text\":\"Facture disponible\"}";
    HttpResponse<String> first = keyed("bill-2026-11-A1042", body);
    assertThat(first.statusCode()).isEqualTo(202);
    String id = TestGateway.json(first).getString("id");

    List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> again = new java.util.ArrayList<>();
    try (java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 8; i++) {
        again.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
          try {
            return keyed("bill-2026-11-A1042", body);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }, pool));
      }
    }
    for (var r : again) {
      assertThat(r.join().statusCode()).isEqualTo(200);
      assertThat(TestGateway.json(r.join()).getString("id")).isEqualTo(id);
    }
    HttpResponse<String> other = keyed("bill-2026-11-A1043", body);
    assertThat(other.statusCode()).isEqualTo(202);
    assertThat(TestGateway.json(other).getString("id")).isNotEqualTo(id);

    // Two requests with a new key at once: one queues the message, the other finds it.
    List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> race = new java.util.ArrayList<>();
    try (java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 6; i++) {
        race.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
          try {
            return keyed("reminder-7", body);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }, pool));
      }
    }
    assertThat(race.stream().map(r -> r.join().statusCode()).filter(c -> c == 202)).hasSize(1);
    assertThat(race.stream().map(r -> TestGateway.json(r.join()).getString("id")).distinct()).hasSize(1);

    assertThat(relais.query("SELECT id FROM messages")).hasSize(3);
    assertThat(relais.smsc.awaitTexts(3, 10_000)).as("one text per key").hasSize(3);
    assertThat(keyed("bad key with spaces", body).statusCode()).isEqualTo(422);
  }

  private HttpResponse<String> keyed(String key, String body) throws Exception {
    return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://127.0.0.1:" + relais.gateway.httpPort() + "/api/v1/messages"))
        .header("Authorization", "Bearer " + TestGateway.SENDER).header("Content-Type", "application/json")
        .header("Idempotency-Key", key).POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void shouldAcceptAMessageOnceCommittedAndFollowItToDelivered() throws Exception {
    HttpResponse<String> created = relais.api("POST", "/api/v1/messages", TestGateway.SENDER,
        "{\"to\":\"+216 20 123 456\",\"text\":\"Coupure d'eau demain de 8h à 12h\",\"priority\":\"alert\"}");
    assertThat(created.statusCode()).isEqualTo(202);
    JsonObject body = TestGateway.json(created);
    String id = body.getString("id");
    assertThat(body.getString("state")).isEqualTo("queued");
    assertThat(body.getInteger("parts")).isEqualTo(1);
    assertThat(created.headers().firstValue("Location")).contains("/api/v1/messages/" + id);
    assertThat(relais.query("SELECT id FROM messages WHERE id = '" + id + "'")).as("committed before 202").hasSize(1);

    TestSmsc.Text text = relais.smsc.awaitTexts(1, 10_000).getFirst();
    assertThat(text.destination()).isEqualTo("21620123456");
    assertThat(text.text()).isEqualTo("Coupure d'eau demain de 8h à 12h");
    TestGateway.await("submitted", 10_000, () -> state(id).equals("submitted"));

    String smscId = TestGateway.json(get(id)).getJsonArray("smsc_message_ids").getString(0);
    DeliverSm receipt = TestSmsc.deliverSm("+21620123456", "1234", (byte) 0,
        ("id:" + smscId + " sub:001 dlvrd:001 submit date:2611231015 done date:2611231016 stat:DELIVRD err:000 text:")
            .getBytes(StandardCharsets.ISO_8859_1));
    receipt.setEsmClass((byte) 0x04);
    assertThat(relais.smsc.deliver(receipt, 10_000)).isZero();
    TestGateway.await("delivered", 10_000, () -> state(id).equals("delivered"));

    JsonObject message = TestGateway.json(get(id));
    assertThat(message.getString("to")).isEqualTo("+21620123456");
    assertThat(message.getString("priority")).isEqualTo("alert");
    JsonArray history = message.getJsonArray("history");
    assertThat(history.stream().map(e -> ((JsonObject) e).getString("state")))
        .containsExactly("queued", "submitted", "delivered");
  }

  @Test
  void shouldRenderATemplateInTheLanguageAsked() throws Exception {
    HttpResponse<String> created = relais.api("POST", "/api/v1/messages", TestGateway.ADMIN,
        "{\"to\":\"+21620123456\",\"template\":\"complaint_ack\",\"language\":\"en\","
            + "\"params\":{\"tracking\":\"40213377\",\"delay\":\"2 days\"}}");
    assertThat(created.statusCode()).isEqualTo(202);
    assertThat(relais.smsc.awaitTexts(1, 10_000).getFirst().text())
        .startsWith("Your complaint is registered under number 40213377. Expect an answer within 2 days.");
  }

  @Test
  void shouldRefuseWithoutAValidTokenOrTheRightRole() throws Exception {
    String body = "{\"to\":\"+21620123456\",\"text\":\"x\"}";
    HttpResponse<String> none = relais.api("POST", "/api/v1/messages", null, body);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).isPresent();
    assertThat(TestGateway.json(none).getJsonObject("error").getString("code")).isEqualTo("unauthorized");
    assertThat(relais.api("POST", "/api/v1/messages", "wrong-token-123", body).statusCode()).isEqualTo(401);
    HttpResponse<String> core = relais.api("POST", "/api/v1/messages", TestGateway.CORE, body);
    assertThat(core.statusCode()).isEqualTo(403);
    assertThat(TestGateway.json(core).getJsonObject("error").getString("code")).isEqualTo("forbidden");
    assertThat(relais.query("SELECT id FROM messages")).isEmpty();
  }

  @Test
  void shouldNameTheFieldAtFault() throws Exception {
    assertError("{\"to\":\"not a number\",\"text\":\"x\"}", 422, "invalid_field", "to");
    assertError("{\"to\":\"+21620123456\"}", 422, "invalid_field", "text");
    assertError("{\"to\":\"+21620123456\",\"text\":\"   \"}", 422, "invalid_field", "text");
    assertError("{\"to\":\"+21620123456\",\"text\":\"x\",\"priority\":\"urgent\"}", 422, "invalid_field", "priority");
    assertError("{\"to\":\"+21620123456\",\"text\":\"x\",\"validity\":\"forever\"}", 422, "invalid_field", "validity");
    assertError("{\"to\":\"+21620123456\",\"text\":\"" + "a".repeat(1600) + "\"}", 422, "text_too_long", "text");
    assertError("{\"to\":\"+21620123456\",\"template\":\"nope\"}", 422, "invalid_field", "template");
    assertError("{\"to\":\"+21620123456\",\"text\":42}", 422, "invalid_field", "text");
    assertError("not json", 400, "invalid_json", null);
    assertError("[1,2]", 400, "invalid_json", null);
    assertThat(relais.query("SELECT id FROM messages")).isEmpty();
  }

  private void assertError(String body, int status, String code, String field) throws Exception {
    HttpResponse<String> r = relais.api("POST", "/api/v1/messages", TestGateway.SENDER, body);
    assertThat(r.statusCode()).as(body).isEqualTo(status);
    JsonObject error = TestGateway.json(r).getJsonObject("error");
    assertThat(error.getString("code")).isEqualTo(code);
    assertThat(error.getString("message")).isNotBlank();
    assertThat(error.getString("field")).isEqualTo(field);
  }

  @Test
  void shouldAnswerNotFoundInTheSameShape() throws Exception {
    HttpResponse<String> r = get("msg_NOPE");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(TestGateway.json(r).getJsonObject("error").getString("code")).isEqualTo("not_found");
    assertThat(relais.api("GET", "/api/v1/nowhere", TestGateway.ADMIN, null).statusCode()).isEqualTo(404);
  }

  @Test
  void shouldReportHealthWithoutATokenAndMetricsWithOne() throws Exception {
    HttpResponse<String> health = relais.api("GET", "/health", null, null);
    assertThat(health.statusCode()).isEqualTo(200);
    JsonObject h = TestGateway.json(health);
    assertThat(h.getJsonObject("store").getBoolean("up")).isTrue();
    assertThat(h.getJsonArray("smpp").getJsonObject(0).getString("state")).isEqualTo("bound");
    TestGateway.await("core probed", 10_000, () -> {
      try {
        return TestGateway.json(relais.api("GET", "/health", null, null)).getString("status").equals("up");
      } catch (Exception e) {
        return false;
      }
    });
    assertThat(relais.api("GET", "/metrics", null, null).statusCode()).isEqualTo(401);
    relais.api("POST", "/api/v1/messages", TestGateway.SENDER, "{\"to\":\"+21620123456\",\"text\":\"x\"}");
    HttpResponse<String> metrics = relais.api("GET", "/metrics", TestGateway.ADMIN, null);
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("# TYPE relais_sms_accepted_total counter")
        .contains("relais_sms_accepted_total 1").contains("relais_smpp_bind_up{bind=\"smsc\"} 1");
  }

  private HttpResponse<String> get(String id) throws Exception {
    return relais.api("GET", "/api/v1/messages/" + id, TestGateway.SENDER, null);
  }

  private String state(String id) {
    try {
      return TestGateway.json(get(id)).getString("state");
    } catch (Exception e) {
      return "";
    }
  }
}
