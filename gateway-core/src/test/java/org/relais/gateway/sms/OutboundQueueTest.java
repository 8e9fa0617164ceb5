package org.relais.gateway.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.relais.gateway.NoBlockedEventLoops;
import org.relais.gateway.TestGateway;
import org.relais.sms.smpp.CommandStatus;
import org.relais.sms.smpp.TestSmsc;

/**
 * The outbound queue end to end (HTTP API, store, binds, cloudhopper SMSC over sockets): bounded
 * memory, lanes, restarts and shutdowns, receipts before their resp, rejections. At the end of each
 * test every message the API accepted is accounted for in the store.
 */
@Timeout(90)
@ExtendWith(NoBlockedEventLoops.class)
class OutboundQueueTest {

  @TempDir
  Path dir;
  private TestGateway relais;
  private final List<String> accepted = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    if (relais != null) {
      relais.close();
    }
  }

  private String send(String to, String text, String priority) throws Exception {
    JsonObject body = new JsonObject().put("to", to).put("text", text).put("priority", priority);
    HttpResponse<String> r = relais.api("POST", "/api/v1/messages", TestGateway.SENDER, body.encode());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    String id = TestGateway.json(r).getString("id");
    accepted.add(id);
    return id;
  }

  private long count(String state) {
    try {
      return relais.accountFor(accepted).getOrDefault(state, 0L);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void awaitAll(String state) throws InterruptedException {
    TestGateway.await("every message " + state, 60_000, () -> count(state) == accepted.size());
  }

  @Test
  void shouldHoldNoMoreThanMaxInFlightInMemoryAndSendEverything() throws Exception {
    relais = TestGateway.start(dir, Map.of("RELAIS_SMPP_MAX_IN_FLIGHT", "8", "RELAIS_SMPP_WINDOW", "4"));
    relais.smsc.respondAfter(Duration.ofMillis(10));
    relais.smsc.receiptsAfterResp(true);
    OutboundDispatcher dispatcher = relais.gateway.services().sms();
    int most = 0;
    for (int i = 0; i < 150; i++) {
      send("+2162000" + (1000 + i), i % 3 == 0 ? "Facture: " + "x".repeat(200) : "Relevé " + i, "bulk");
      most = Math.max(most, dispatcher.inFlight());
    }
    while (count("delivered") < accepted.size()) {
      most = Math.max(most, dispatcher.inFlight());
      // The window and the queue are read one after the other: a message that ends between the two
      // reads, and the one sent in its place, may both be counted once. Two looks in a row that both
      // count more than 8 mean the bind held more.
      assertThat(Math.min(bindLoad(), bindLoad())).as("messages in the bind").isLessThanOrEqualTo(8);
      Thread.sleep(5);
    }
    assertThat(most).isBetween(1, 8);
    assertThat(relais.accountFor(accepted)).containsExactly(Map.entry("delivered", 150L));
  }

  private int bindLoad() {
    org.relais.sms.smpp.BindStatus status = relais.gateway.services().connector().status().getFirst();
    return status.queued() + status.windowInUse();
  }

  @Test
  void shouldSendAnAlertBeforeTheBulkWaitingInTheStore() throws Exception {
    relais = TestGateway.start(dir, Map.of("RELAIS_SMPP_MAX_IN_FLIGHT", "1", "RELAIS_SMPP_WINDOW", "1"));
    relais.smsc.requirePassword("not-yet");
    relais.smsc.dropConnections();
    TestGateway.await("unbound", 10_000, () -> relais.smsc.boundSessions() == 0);
    for (int i = 0; i < 6; i++) {
      send("+2162000100" + i, "Facture " + i, "bulk");
    }
    send("+21620009999", "Alerte crue: évacuez la berge", "alert");
    relais.smsc.requirePassword(null);
    List<TestSmsc.Text> texts = relais.smsc.awaitTexts(7, 30_000);
    assertThat(texts.get(0).text()).as("the one already in memory").isEqualTo("Facture 0");
    assertThat(texts.get(1).text()).as("then the alert, before the rest of the bulk").startsWith("Alerte crue");
    awaitAll("submitted");
  }

  @Test
  void shouldKeepQueuedMessagesThroughARestartAndSendThemAfter() throws Exception {
    relais = TestGateway.start(dir);
    relais.smsc.requirePassword("not-yet");
    relais.smsc.dropConnections();
    TestGateway.await("unbound", 10_000, () -> relais.smsc.boundSessions() == 0);
    for (int i = 0; i < 20; i++) {
      send("+2165000" + (1000 + i), "Coupure d'eau demain " + i, "normal");
    }
    relais = relais.restart();
    assertThat(relais.accountFor(accepted)).as("nothing failed, nothing lost").containsExactly(Map.entry("queued", 20L));
    relais.smsc.receiptsAfterResp(true);
    relais.smsc.requirePassword(null);
    awaitAll("delivered");
    assertThat(relais.smsc.texts()).hasSize(20);
  }

  @Test
  void shouldFinishTheSubmitsInFlightAndLeaveTheRestQueuedOnShutdown() throws Exception {
    relais = TestGateway.start(dir, Map.of("RELAIS_SMPP_WINDOW", "2", "RELAIS_SMPP_MAX_IN_FLIGHT", "4"));
    relais.smsc.respondAfter(Duration.ofMillis(400));
    for (int i = 0; i < 10; i++) {
      send("+2165000" + (1000 + i), "Rappel " + i, "normal");
    }
    relais.smsc.awaitSubmits(2, 10_000);
    relais.stopGateway();
    Map<String, Long> states = relais.accountFor(accepted);
    assertThat(states.get("submitted")).as("in flight at the stop: finished").isGreaterThanOrEqualTo(2);
    assertThat(states.get("submitted") + states.getOrDefault("queued", 0L)).isEqualTo(10);
    assertThat(relais.smsc.unbinds()).as("unbound cleanly").isEqualTo(1);
    relais = relais.restart();
    relais.smsc.awaitBound(10_000);
    relais.smsc.respondAfter(Duration.ZERO);
    awaitAll("submitted");
  }

  @Test
  void shouldMatchReceiptsThatComeBeforeTheirSubmitResp() throws Exception {
    relais = TestGateway.start(dir);
    relais.smsc.receiptsBeforeResp(true);
    for (int i = 0; i < 10; i++) {
      send("+2165000" + (1000 + i), i % 2 == 0 ? "Avis: " + "y".repeat(300) : "شكاية رقم " + i, "reply");
    }
    awaitAll("delivered");
    assertThat(relais.query("SELECT * FROM pending_receipts")).isEmpty();
    assertThat(relais.query("SELECT * FROM message_parts WHERE state <> 'delivered'")).isEmpty();
  }

  @Test
  void shouldRecordARejectionWithTheSmscsCommandStatus() throws Exception {
    relais = TestGateway.start(dir);
    relais.smsc.respondWith(s -> TestSmsc.refuse(s, CommandStatus.ESME_RINVDSTADR));
    String id = send("+21650001000", "x", "normal");
    awaitAll("rejected");
    JsonObject message = TestGateway.json(relais.api("GET", "/api/v1/messages/" + id, TestGateway.SENDER, null));
    assertThat(message.getString("error")).contains("ESME_RINVDSTADR");
  }

  @Test
  void shouldSendEverythingThroughAThrottlingStorm() throws Exception {
    relais = TestGateway.start(dir, Map.of("RELAIS_SMPP_WINDOW", "10", "RELAIS_SMPP_TPS", "1000"));
    int[] calls = {0};
    relais.smsc.respondWith(s -> ++calls[0] % 3 != 0 && calls[0] < 120
        ? TestSmsc.refuse(s, CommandStatus.ESME_RTHROTTLED) : relais.smsc.accept(s));
    relais.smsc.receiptsAfterResp(true);
    for (int i = 0; i < 60; i++) {
      send("+2165000" + (1000 + i), "Avis " + i, "bulk");
    }
    awaitAll("delivered");
    assertThat(relais.gateway.services().connector().status().getFirst().throttled()).isPositive();
  }
}
