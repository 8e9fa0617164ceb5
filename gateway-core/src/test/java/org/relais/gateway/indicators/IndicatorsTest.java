package org.relais.gateway.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.relais.gateway.NoBlockedEventLoops;
import org.relais.gateway.TestGateway;

/** The figures elected officials read, from cases that went through the whole path. */
@Timeout(60)
@ExtendWith(NoBlockedEventLoops.class)
class IndicatorsTest {

  @TempDir
  Path dir;
  private TestGateway relais;

  @AfterEach
  void stop() throws Exception {
    relais.close();
  }

  @Test
  void shouldCountCasesAndMeasureHowPromisesAreKept() throws Exception {
    relais = TestGateway.start(dir, Map.of("RELAIS_CASES_SLA_CHECK", "1s"));
    relais.citizenSends("+21620000001", "PLAINTE fuite d'eau rue A");
    relais.citizenSends("+21620000002", "PLAINTE fuite d'eau rue B");
    relais.smsc.awaitTexts(2, 15_000);
    TestGateway.await("two cases at the core", 10_000, () -> relais.core.cases().size() == 2);
    relais.core.announce(Duration.ofSeconds(1));
    relais.citizenSends("+21620000003", "PLAINTE lampadaire éteint");
    relais.smsc.awaitTexts(3, 15_000);
    TestGateway.await("three cases at the core", 10_000, () -> relais.core.cases().size() == 3);
    assertThat(relais.api("POST", "/api/v1/cases/C-000001/status", TestGateway.CORE, "{\"status\":\"resolved\"}")
        .statusCode()).isEqualTo(200);
    relais.api("POST", "/api/v1/cases/C-000002/status", TestGateway.CORE, "{\"status\":\"received\"}");
    TestGateway.await("the breach of the third", 10_000, () -> {
      try {
        return !relais.query("SELECT id FROM cases WHERE sla_breached_at IS NOT NULL").isEmpty();
      } catch (Exception e) {
        return false;
      }
    });

    JsonObject i = TestGateway.json(relais.api("GET", "/api/v1/indicators", TestGateway.ADMIN, null));
    JsonObject cases = i.getJsonObject("cases");
    assertThat(cases.getLong("total")).isEqualTo(3);
    assertThat(cases.getJsonObject("by_channel").getLong("sms")).isEqualTo(3);
    assertThat(cases.getJsonObject("by_category").getLong("water")).isEqualTo(2);
    assertThat(cases.getJsonObject("by_category").getLong("lighting")).isEqualTo(1);
    assertThat(cases.getJsonObject("by_status").getLong("resolved")).isEqualTo(1);
    assertThat(cases.getJsonObject("by_status").getLong("received")).isEqualTo(2);
    assertThat(i.getJsonObject("acknowledgement").getLong("count")).isEqualTo(3);
    assertThat(i.getJsonObject("acknowledgement").getDouble("median_seconds")).isBetween(0.0, 30.0);
    assertThat(i.getJsonObject("first_status_change").getLong("count")).isEqualTo(2);
    JsonObject delay = i.getJsonObject("announced_delay");
    assertThat(delay.getLong("due")).as("the answered case and the breached one").isEqualTo(2);
    assertThat(delay.getLong("answered_in_time")).isEqualTo(1);
    assertThat(delay.getDouble("share")).isEqualTo(0.5);
    assertThat(delay.getLong("breaches")).isEqualTo(1);

    String tomorrow = LocalDate.now().plusDays(1).toString();
    JsonObject future = TestGateway.json(relais.api("GET", "/api/v1/indicators?from=" + tomorrow + "&to=" + tomorrow,
        TestGateway.ADMIN, null));
    assertThat(future.getJsonObject("cases").getLong("total")).isZero();
    assertThat(future.getJsonObject("acknowledgement").getValue("median_seconds")).isNull();

    TestGateway.await("the same figures in /metrics", 10_000, () -> {
      try {
        String metrics = relais.api("GET", "/metrics", TestGateway.ADMIN, null).body();
        return metrics.contains("relais_indicator_cases{channel=\"sms\"} 3")
            && metrics.contains("relais_indicator_answered_in_time_ratio 0.5")
            && metrics.contains("relais_indicator_cases_by_category{category=\"water\"} 2");
      } catch (Exception e) {
        return false;
      }
    });
  }

  @Test
  void shouldRefuseABadPeriodOrAWrongRole() throws Exception {
    relais = TestGateway.start(dir);
    assertThat(relais.api("GET", "/api/v1/indicators?from=yesterday", TestGateway.ADMIN, null).statusCode())
        .isEqualTo(422);
    assertThat(relais.api("GET", "/api/v1/indicators?from=2026-11-30&to=2026-11-01", TestGateway.ADMIN, null)
        .statusCode()).isEqualTo(422);
    assertThat(relais.api("GET", "/api/v1/indicators", TestGateway.SENDER, null).statusCode()).isEqualTo(403);
  }
}
