package org.relais.gateway.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
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

/** {@code POST /api/v1/consumption} end to end: the rule, the figures in the citizen's language, once per period. */
@Timeout(60)
@ExtendWith(NoBlockedEventLoops.class)
class ConsumptionAlertsTest {

  @TempDir
  Path dir;
  private TestGateway relais;
  private final MutableClock clock = new MutableClock(BatchesTest.NOON);

  @AfterEach
  void stop() throws Exception {
    if (relais != null) {
      relais.close();
    }
  }

  private HttpResponse<String> report(String account, String period, double current, double lastYear)
      throws Exception {
    JsonObject body = new JsonObject().put("account", account).put("msisdn", "+216 20 000 100").put("period", period)
        .put("current", current).put("same_period_last_year", lastYear).put("unit", "m³");
    return relais.api("POST", "/api/v1/consumption", TestGateway.SENDER, body.encode());
  }

  @Test
  void shouldAlertOnceAnAccountAndPeriodPassBothTheRatioAndTheFloor() throws Exception {
    relais = TestGateway.start(dir, Map.of(), clock);
    HttpResponse<String> below = report("W-1", "2026-10", 59, 40);
    assertThat(below.statusCode()).isEqualTo(200);
    assertThat(TestGateway.json(below).getString("outcome")).isEqualTo("below_ratio");
    HttpResponse<String> small = report("W-1", "2026-10", 12, 4);
    assertThat(TestGateway.json(small).getString("outcome")).as("ratio 3, but under the floor of 20").isEqualTo("below_floor");
    assertThat(TestGateway.json(report("W-1", "2026-10", 30, 0)).getString("outcome")).isEqualTo("no_reference");

    HttpResponse<String> sent = report("W-1", "2026-10", 1250.5, 610);
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
    JsonObject first = TestGateway.json(sent);
    assertThat(first.getString("outcome")).isEqualTo("sent");
    assertThat(first.getBoolean("alert")).isTrue();
    assertThat(first.getDouble("ratio")).isEqualTo(2.05);
    assertThat(relais.reply("+21620000100", 0).text()).isEqualTo("Consommation inhabituelle, compte W-1: 1 250,5 m³"
        + " pour 2026-10, contre 610 m³ l'an dernier. Vérifiez qu'il n'y a pas de fuite.");

    HttpResponse<String> again = report("W-1", "2026-10", 1300, 610);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(TestGateway.json(again).getString("outcome")).isEqualTo("already_sent");
    assertThat(TestGateway.json(again).getString("message_id")).isEqualTo(first.getString("message_id"));
    assertThat(relais.query("SELECT * FROM consumption_alerts")).hasSize(1);

    assertThat(report("W-1", "2026-11", 900, 300).statusCode()).as("another period").isEqualTo(202);
    relais.smsc.awaitTexts(2, 10_000);
    assertThat(relais.smsc.texts()).as("one SMS per account and period").hasSize(2);
  }

  @Test
  void shouldWriteTheFiguresInTheLanguageTheNumberIsKnownIn() throws Exception {
    relais = TestGateway.start(dir, Map.of(), clock);
    JsonObject body = new JsonObject().put("account", "E-7").put("msisdn", "+21620000101").put("period", "Q3")
        .put("current", 4200).put("same_period_last_year", 1800).put("unit", "kWh").put("language", "en");
    assertThat(relais.api("POST", "/api/v1/consumption", TestGateway.SENDER, body.encode()).statusCode())
        .isEqualTo(202);
    assertThat(relais.reply("+21620000101", 0).text()).startsWith("Unusual consumption on account E-7: 4,200 kWh for Q3,"
        + " against 1,800 kWh last year.");
  }

  @Test
  void shouldHoldTheAlertUntilTheQuietHoursEnd() throws Exception {
    clock.set(Instant.parse("2026-11-23T22:00:00Z"));
    relais = TestGateway.start(dir, Map.of(), clock);
    HttpResponse<String> sent = report("W-2", "2026-10", 100, 50);
    assertThat(sent.statusCode()).isEqualTo(202);
    assertThat(TestGateway.json(sent).getBoolean("held_quiet_hours")).isTrue();
    relais.gateway.notifications().releaseNow().await(10, TimeUnit.SECONDS);
    HttpResponse<String> alert = relais.api("POST", "/api/v1/messages", TestGateway.ADMIN,
        "{\"to\":\"+21620000102\",\"text\":\"Coupure d'eau cette nuit\",\"priority\":\"alert\"}");
    assertThat(alert.statusCode()).isEqualTo(202);
    assertThat(relais.smsc.awaitTexts(1, 10_000).getFirst().destination()).isEqualTo("21620000102");
    assertThat(relais.smsc.texts()).as("the consumption alert waits for the morning").hasSize(1);
    clock.set(Instant.parse("2026-11-24T07:00:00Z"));
    assertThat(relais.smsc.awaitTexts(2, 15_000).get(1).text()).startsWith("Consommation inhabituelle, compte W-2");
  }

  @Test
  void shouldRefuseAReadingWithoutItsFigures() throws Exception {
    relais = TestGateway.start(dir, Map.of(), clock);
    HttpResponse<String> r = relais.api("POST", "/api/v1/consumption", TestGateway.SENDER,
        "{\"account\":\"W-3\",\"msisdn\":\"+21620000103\",\"period\":\"2026-10\",\"current\":\"a lot\"}");
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(TestGateway.json(r).getJsonObject("error").getString("field")).isEqualTo("current");
  }
}
