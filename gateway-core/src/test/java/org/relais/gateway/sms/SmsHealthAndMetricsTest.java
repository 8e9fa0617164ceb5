package org.relais.gateway.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.relais.gateway.NoBlockedEventLoops;
import org.relais.gateway.TestGateway;

/** What an operator sees of the binds: /health per bind and /metrics, after real traffic over sockets. */
@Timeout(60)
@ExtendWith(NoBlockedEventLoops.class)
class SmsHealthAndMetricsTest {

  @TempDir
  Path dir;
  private TestGateway relais;

  @BeforeEach
  void start() throws Exception {
    relais = TestGateway.start(dir);
    relais.smsc.receiptsAfterResp(true);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(TestGateway.json(relais.api("POST", "/api/v1/messages", TestGateway.SENDER,
          "{\"to\":\"+2162012345" + i + "\",\"text\":\"Avis " + i + "\"}")).getString("id"));
    }
    TestGateway.await("delivered", 20_000, () -> {
      try {
        return relais.accountFor(ids).equals(Map.of("delivered", 3L));
      } catch (Exception e) {
        return false;
      }
    });
  }

  @AfterEach
  void stop() throws Exception {
    relais.close();
  }

  @Test
  void shouldShowEachBindInHealth() throws Exception {
    JsonObject health = TestGateway.json(relais.api("GET", "/health", null, null));
    JsonObject bind = health.getJsonArray("smpp").getJsonObject(0);
    assertThat(bind.getString("name")).isEqualTo("smsc");
    assertThat(bind.getString("group")).isEqualTo("default");
    assertThat(bind.getString("state")).isEqualTo("bound");
    assertThat(bind.getJsonArray("sessions").getJsonObject(0).getMap())
        .containsEntry("type", "trx").containsEntry("state", "bound");
    assertThat(bind.getInteger("window")).isEqualTo(10);
    assertThat(bind.getInteger("window_in_use")).isZero();
    assertThat(bind.getLong("submitted")).isEqualTo(3);
    assertThat(bind.getDouble("submits_per_second")).isGreaterThanOrEqualTo(0);
    assertThat(bind.getDouble("allowed_per_second")).isEqualTo(100.0);
    assertThat(bind.getLong("throttled")).isZero();
    assertThat(bind.getLong("receipts")).isEqualTo(3);
    JsonObject latency = bind.getJsonObject("receipt_latency_ms");
    // A receipt that overtakes the recording of its submit_sm_resp (a loaded machine) is applied
    // later, without a latency: every receipt counts, not every one has a latency.
    assertThat(latency.getLong("matched")).isBetween(1L, 3L);
    assertThat(latency.getLong("p50")).isNotNull().isGreaterThanOrEqualTo(0);
    assertThat(latency.getLong("p99")).isNotNull().isGreaterThanOrEqualTo(latency.getLong("p50"));
    assertThat(health.getJsonObject("outbound").getInteger("max_in_flight")).isEqualTo(2000);
    assertThat(health.getJsonObject("outbound").getInteger("in_flight")).isZero();
  }

  @Test
  void shouldExposeBindCountersRatesAndReceiptLatencyInMetrics() throws Exception {
    String metrics = relais.api("GET", "/metrics", TestGateway.ADMIN, null).body();
    assertThat(metrics)
        .contains("# TYPE relais_smpp_submitted_parts_total counter")
        .contains("relais_smpp_submitted_parts_total{bind=\"smsc\"} 3")
        .contains("# TYPE relais_smpp_throttled_total counter")
        .contains("relais_smpp_throttled_total{bind=\"smsc\"} 0")
        .contains("# TYPE relais_smpp_submit_rate gauge")
        .contains("relais_smpp_submit_rate{bind=\"smsc\"}")
        .contains("# TYPE relais_smpp_receipt_latency_seconds histogram")
        .contains("relais_smpp_bind_up{bind=\"smsc\"} 1");
    // A receipt that overtakes the recording of its submit_sm_resp (a loaded machine) waits for it
    // and is applied with it, or, later than that, is kept in the store (early, no latency yet);
    // the others are matched at once. Each applied receipt has its latency.
    long applied = value(metrics, "relais_sms_receipts_total{match=\"matched\"}")
        + value(metrics, "relais_sms_receipts_total{match=\"waited\"}");
    assertThat(applied + value(metrics, "relais_sms_receipts_total{match=\"early\"}")).isEqualTo(3);
    assertThat(applied).isBetween(1L, 3L);
    assertThat(metrics)
        .contains("relais_smpp_receipt_latency_seconds_count{bind=\"smsc\"} " + applied)
        .contains("relais_smpp_receipt_latency_seconds_bucket{bind=\"smsc\",le=\"+Inf\"} " + applied);
    for (String line : metrics.split("\n")) {
      if (line.startsWith("# TYPE ") && line.endsWith(" counter")) {
        assertThat(line.split(" ")[2]).as("a counter's name").endsWith("_total");
      }
    }
  }

  private static long value(String metrics, String sample) {
    for (String line : metrics.split("\n")) {
      if (line.startsWith(sample + " ")) {
        return (long) Double.parseDouble(line.substring(sample.length() + 1).trim());
      }
    }
    return 0;
  }
}
