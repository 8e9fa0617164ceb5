package org.relais.gateway.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.relais.gateway.NoBlockedEventLoops;
import org.relais.gateway.TestGateway;

/**
 * The outbox against a core that is down, slow or refusing: every case arrives once, and the ones
 * the core refuses are dead letters an operator sees and can send again. Backoffs are shortened so
 * an hour of outage takes seconds; the number of attempts is what an hour would take.
 */
@Timeout(90)
@ExtendWith(NoBlockedEventLoops.class)
class HandoffResilienceTest {

  @TempDir
  Path dir;
  private TestGateway relais;

  @AfterEach
  void stop() throws Exception {
    relais.close();
  }

  @Test
  void shouldDeliverEveryCaseOnceAfterALongOutage() throws Exception {
    relais = TestGateway.start(dir, Map.of("RELAIS_CORE_INITIAL_BACKOFF", "20ms", "RELAIS_CORE_MAX_BACKOFF", "100ms",
        "RELAIS_CORE_MAX_ATTEMPTS", "1000"));
    relais.core.failWith(503);
    int citizens = 20;
    for (int i = 0; i < citizens; i++) {
      relais.citizenSends("+2162000%04d".formatted(i), "PLAINTE fuite d'eau numéro " + i);
    }
    relais.smsc.awaitTexts(citizens, 30_000);
    TestGateway.await("many failed attempts", 30_000, () -> relais.core.posts() >= citizens * 12);
    assertThat(relais.core.cases()).isEmpty();
    relais.core.failWith(0);
    TestGateway.await("every case", 30_000, () -> relais.core.cases().size() == citizens);
    Thread.sleep(500);
    assertThat(relais.core.received()).hasSize(citizens);
    Set<String> descriptions = new HashSet<>();
    relais.core.received().forEach(j -> descriptions.add(j.getString("description")));
    assertThat(descriptions).hasSize(citizens);
    assertThat(relais.query("SELECT handoff_state FROM cases")).allSatisfy(r ->
        assertThat(r.get("handoff_state")).isEqualTo("delivered"));
    assertThat(relais.smsc.texts()).as("one acknowledgement each, during the outage").hasSize(citizens);
  }

  @Test
  void shouldNotDuplicateACaseWhenTheCoreAnswersTooLate() throws Exception {
    relais = TestGateway.start(dir, Map.of("RELAIS_CORE_TIMEOUT", "300ms", "RELAIS_CORE_INITIAL_BACKOFF", "50ms",
        "RELAIS_CORE_MAX_BACKOFF", "100ms"));
    relais.core.delayAnswers(1000);
    relais.citizenSends("+21620123456", "PLAINTE fuite d'eau");
    relais.smsc.awaitTexts(1, 15_000);
    TestGateway.await("retries after timeouts", 20_000, () -> relais.core.posts() >= 3);
    relais.core.delayAnswers(0);
    TestGateway.await("delivered", 20_000, () -> {
      try {
        return "delivered".equals(relais.query("SELECT handoff_state FROM cases").getFirst().get("handoff_state"));
      } catch (Exception e) {
        return false;
      }
    });
    assertThat(relais.core.cases()).as("the core deduplicated on the Idempotency-Key").hasSize(1);
    assertThat(relais.core.received()).hasSize(1);
  }

  @Test
  void shouldDeadLetterACaseTheCoreRefusesAndSendItAgainOnRequest() throws Exception {
    relais = TestGateway.start(dir);
    relais.core.failWith(400);
    relais.citizenSends("+21620123456", "PLAINTE fuite d'eau");
    relais.smsc.awaitTexts(1, 15_000);
    TestGateway.await("dead letter", 10_000, () -> {
      try {
        return !TestGateway.json(relais.api("GET", "/api/v1/cases?handoff=dead", TestGateway.ADMIN, null))
            .getJsonArray("cases").isEmpty();
      } catch (Exception e) {
        return false;
      }
    });
    JsonObject dead = TestGateway.json(relais.api("GET", "/api/v1/cases?handoff=dead", TestGateway.ADMIN, null))
        .getJsonArray("cases").getJsonObject(0);
    assertThat(dead.getJsonObject("handoff").getString("state")).isEqualTo("dead");
    assertThat(dead.getJsonObject("handoff").getString("last_error")).contains("400");
    assertThat(dead.getJsonObject("handoff").getInteger("attempts")).isEqualTo(1);
    TestGateway.await("the dead letter in the metrics", 5_000, () -> {
      try {
        String metrics = relais.api("GET", "/metrics", TestGateway.ADMIN, null).body();
        return metrics.contains("relais_handoff_attempts_total{outcome=\"dead\"} 1")
            && metrics.contains("relais_handoff_outbox{state=\"dead\"} 1");
      } catch (Exception e) {
        return false;
      }
    });
    assertThat(relais.api("GET", "/api/v1/cases?handoff=dead", TestGateway.SENDER, null).statusCode()).isEqualTo(403);

    relais.core.failWith(0);
    String tracking = dead.getString("tracking_number");
    assertThat(relais.api("POST", "/api/v1/cases/" + tracking + "/handoff/retry", TestGateway.ADMIN, null).statusCode())
        .isEqualTo(202);
    TestGateway.await("delivered after the retry", 10_000, () -> relais.core.cases().size() == 1);
    assertThat(relais.api("POST", "/api/v1/cases/" + tracking + "/handoff/retry", TestGateway.ADMIN, null).statusCode())
        .as("only a dead letter is sent again").isEqualTo(409);
  }
}
