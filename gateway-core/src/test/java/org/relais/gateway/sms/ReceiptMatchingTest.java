package org.relais.gateway.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Receipts matched to their messages end to end (HTTP API, store, bind, cloudhopper SMSC over a
 * socket): the id forms SMSCs quote, a message of several parts that is final only once every part
 * reported, the worst part deciding, and the parts of an attempt that failed half-way.
 */
@Timeout(60)
@ExtendWith(NoBlockedEventLoops.class)
class ReceiptMatchingTest {

  @TempDir
  Path dir;
  private TestGateway relais;

  @AfterEach
  void stop() throws Exception {
    if (relais != null) {
      relais.close();
    }
  }

  private String send(String to, String text) throws Exception {
    JsonObject body = new JsonObject().put("to", to).put("text", text);
    HttpResponse<String> r = relais.api("POST", "/api/v1/messages", TestGateway.SENDER, body.encode());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    return TestGateway.json(r).getString("id");
  }

  private JsonObject message(String id) throws Exception {
    return TestGateway.json(relais.api("GET", "/api/v1/messages/" + id, TestGateway.SENDER, null));
  }

  private List<String> awaitSubmitted(String id) throws Exception {
    TestGateway.await(id + " submitted", 20_000, () -> {
      try {
        return "submitted".equals(message(id).getString("state"));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    JsonArray ids = message(id).getJsonArray("smsc_message_ids");
    return ids.stream().map(String::valueOf).toList();
  }

  private void awaitState(String id, String state) throws InterruptedException {
    TestGateway.await(id + " " + state, 20_000, () -> {
      try {
        return state.equals(message(id).getString("state"));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @Test
  void shouldMatchAReceiptQuotingTheIdInDecimalWithLeadingZerosWhenTheBindSaysSo() throws Exception {
    relais = TestGateway.start(dir, Map.of("RELAIS_SMPP_RECEIPT_IDS", "decimal"));
    String id = send("+21650001000", "Votre réclamation est enregistrée");
    String hex = awaitSubmitted(id).getFirst();
    String decimal = "%010d".formatted(Long.parseLong(hex, 16));
    assertThat(relais.smsc.deliver(TestSmsc.receipt(decimal, "DELIVRD"), 10_000)).isZero();
    awaitState(id, "delivered");
    assertThat(relais.query("SELECT * FROM pending_receipts")).isEmpty();
    assertThat(relais.accountFor(List.of(id))).containsExactly(Map.entry("delivered", 1L));
  }

  @Test
  void shouldFailAMessageOfTwoPartsWhenOnePartIsUndeliveredOnlyOnceBothReported() throws Exception {
    relais = TestGateway.start(dir);
    String id = send("+21650001000", "Avis de coupure: " + "z".repeat(270));
    List<String> parts = awaitSubmitted(id);
    assertThat(parts).hasSize(2);
    assertThat(relais.smsc.deliver(TestSmsc.receipt(parts.get(0), "DELIVRD"), 10_000)).isZero();
    TestGateway.await("part 1 delivered", 20_000, () -> {
      try {
        return !relais.query("SELECT * FROM message_parts WHERE part = 1 AND state = 'delivered'").isEmpty();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(message(id).getString("state")).as("one part of two reported").isEqualTo("submitted");
    assertThat(relais.smsc.deliver(TestSmsc.receipt(parts.get(1), "UNDELIV"), 10_000)).isZero();
    awaitState(id, "failed");
    assertThat(relais.query("SELECT part, state FROM message_parts ORDER BY part"))
        .extracting(r -> r.get("state")).containsExactly("delivered", "failed");
    assertThat(relais.accountFor(List.of(id))).containsExactly(Map.entry("failed", 1L));
  }

  @Test
  void shouldMatchTheReceiptOfAPartAcceptedBeforeItsMessageFailedAndWentAgainWhole() throws Exception {
    relais = TestGateway.start(dir);
    AtomicInteger calls = new AtomicInteger();
    // part 1 accepted, then part 2 refused until the bind gives up on the attempt; the gateway sends it again whole
    relais.smsc.respondWith(s -> {
      int n = calls.incrementAndGet();
      return n >= 2 && n <= 6 ? TestSmsc.refuse(s, CommandStatus.ESME_RSYSERR) : relais.smsc.accept(s);
    });
    String id = send("+21650001000", "Avis de coupure: " + "z".repeat(270));
    List<String> parts = awaitSubmitted(id);
    assertThat(parts).hasSize(2);
    List<String> abandoned = relais.smsc.issuedIds().stream().filter(i -> !parts.contains(i)).toList();
    assertThat(abandoned).as("the part accepted in the failed attempt").hasSize(1);
    assertThat(relais.query("SELECT part FROM message_parts WHERE smsc_id = '" + abandoned.getFirst() + "'"))
        .singleElement().satisfies(r -> assertThat(r.get("part")).isEqualTo(0));

    assertThat(relais.smsc.deliver(TestSmsc.receipt(abandoned.getFirst(), "UNDELIV"), 10_000)).isZero();
    TestGateway.await("the abandoned part's receipt", 20_000, () -> {
      try {
        return !relais.query("SELECT * FROM message_parts WHERE part = 0 AND state = 'failed'").isEmpty();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(relais.query("SELECT * FROM pending_receipts")).as("no receipt waits for ever").isEmpty();
    assertThat(message(id).getString("state")).as("decided by the parts sent whole only").isEqualTo("submitted");

    for (String smscId : parts) {
      assertThat(relais.smsc.deliver(TestSmsc.receipt(smscId, "DELIVRD"), 10_000)).isZero();
    }
    awaitState(id, "delivered");
    assertThat(message(id).getJsonArray("smsc_message_ids").getList()).containsExactlyElementsOf(parts);
    assertThat(relais.accountFor(List.of(id))).containsExactly(Map.entry("delivered", 1L));
  }
}
