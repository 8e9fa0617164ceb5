package org.relais.gateway.cases;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.relais.gateway.NoBlockedEventLoops;
import org.relais.gateway.TestGateway;

/** The core reports statuses through the webhook; the citizen hears of each change, once, in their language. */
@Timeout(60)
@ExtendWith(NoBlockedEventLoops.class)
class StatusNotificationTest {

  private static final String CITIZEN = "+21620123456";

  @TempDir
  Path dir;
  private TestGateway relais;

  @AfterEach
  void stop() throws Exception {
    relais.close();
  }

  private String openCase(String text) throws Exception {
    relais.citizenSends(CITIZEN, text);
    Matcher m = Pattern.compile("(\\d{8})").matcher(relais.reply(CITIZEN, 0).text());
    assertThat(m.find()).isTrue();
    TestGateway.await("the case at the core", 10_000, () -> relais.core.cases().size() == 1);
    return m.group(1);
  }

  private HttpResponse<String> report(String ref, String body, String token) throws Exception {
    return relais.api("POST", "/api/v1/cases/" + ref + "/status", token, body);
  }

  @Test
  void shouldTellTheCitizenOfAChangeOnceInTheirLanguage() throws Exception {
    relais = TestGateway.start(dir);
    relais.citizenSends(CITIZEN, "شكاية تسرب الماء في الشارع");
    Matcher m = Pattern.compile("(\\d{8})").matcher(relais.reply(CITIZEN, 0).text());
    assertThat(m.find()).isTrue();
    String tracking = m.group(1);
    TestGateway.await("the case at the core", 10_000, () -> relais.core.cases().size() == 1);

    HttpResponse<String> first = report("C-000001", "{\"status\":\"in_progress\",\"note\":\"فريق في الطريق\"}",
        TestGateway.CORE);
    assertThat(first.statusCode()).isEqualTo(200);
    JsonObject outcome = TestGateway.json(first);
    assertThat(outcome.getBoolean("changed")).isTrue();
    assertThat(outcome.getString("notified_message_id")).startsWith("msg_");
    assertThat(relais.reply(CITIZEN, 1).text()).isEqualTo("طلبكم " + tracking + ": قيد المعالجة. فريق في الطريق");

    HttpResponse<String> again = report(tracking, "{\"status\":\"IN_PROGRESS\"}", TestGateway.CORE);
    assertThat(TestGateway.json(again).getBoolean("changed")).isFalse();
    assertThat(TestGateway.json(again).getValue("notified_message_id")).isNull();

    report(tracking, "{\"status\":\"resolved\",\"updated_at\":\"2026-11-23T10:00:00+01:00\"}", TestGateway.CORE);
    assertThat(relais.reply(CITIZEN, 2).text()).startsWith("طلبكم " + tracking + ": تمت معالجته.");
    Thread.sleep(300);
    assertThat(relais.smsc.texts()).as("the unchanged status sent nothing").hasSize(3);

    JsonObject c = TestGateway.json(relais.api("GET", "/api/v1/cases/" + tracking, TestGateway.ADMIN, null));
    assertThat(c.getString("channel")).isEqualTo("sms");
    assertThat(c.getString("status")).isEqualTo("resolved");
    assertThat(c.getJsonObject("handoff").getString("state")).isEqualTo("delivered");
    assertThat(c.getJsonObject("handoff").getString("core_id")).isEqualTo("C-000001");
    assertThat(c.getString("answered_at")).isNotNull();
    JsonArray history = c.getJsonArray("history");
    assertThat(history).hasSize(2);
    assertThat(history.getJsonObject(1).getString("at")).isEqualTo("2026-11-23T09:00:00Z");
    assertThat(history.getJsonObject(0).getString("notified_message_id")).startsWith("msg_");
  }

  @Test
  void shouldRefuseReportsWithoutTheCoreRoleOrForUnknownCases() throws Exception {
    relais = TestGateway.start(dir);
    String tracking = openCase("PLAINTE fuite d'eau");
    assertThat(report(tracking, "{\"status\":\"closed\"}", null).statusCode()).isEqualTo(401);
    assertThat(report(tracking, "{\"status\":\"closed\"}", TestGateway.SENDER).statusCode()).isEqualTo(403);
    assertThat(report("99999999", "{\"status\":\"closed\"}", TestGateway.CORE).statusCode()).isEqualTo(404);
    HttpResponse<String> bad = report(tracking, "{\"note\":\"no status\"}", TestGateway.CORE);
    assertThat(bad.statusCode()).isEqualTo(422);
    assertThat(TestGateway.json(bad).getJsonObject("error").getString("field")).isEqualTo("status");
    assertThat(report(tracking, "{\"status\":\"closed\",\"updated_at\":\"yesterday\"}", TestGateway.CORE)
        .statusCode()).isEqualTo(422);
    assertThat(relais.api("GET", "/api/v1/cases/" + tracking, TestGateway.SENDER, null).statusCode()).isEqualTo(403);
    assertThat(relais.api("GET", "/api/v1/cases/99999999", TestGateway.ADMIN, null).statusCode()).isEqualTo(404);
  }

  @Test
  void shouldNotTellACitizenWhoSentStop() throws Exception {
    relais = TestGateway.start(dir);
    String tracking = openCase("PLAINTE fuite d'eau");
    relais.citizenSends(CITIZEN, "STOP");
    relais.reply(CITIZEN, 1);
    HttpResponse<String> r = report(tracking, "{\"status\":\"resolved\"}", TestGateway.CORE);
    assertThat(TestGateway.json(r).getBoolean("changed")).isTrue();
    assertThat(TestGateway.json(r).getValue("notified_message_id")).isNull();
    Thread.sleep(300);
    assertThat(relais.smsc.texts()).hasSize(2);
  }

  @Test
  void shouldNotTellACitizenWhoRefusedNewsOfTheirCases() throws Exception {
    relais = TestGateway.start(dir);
    String tracking = openCase("PLAINTE fuite d'eau");
    assertThat(relais.api("PUT", "/api/v1/subscribers/" + CITIZEN, TestGateway.ADMIN,
        "{\"language\":\"fr\",\"consents\":{\"case_status\":false}}").statusCode()).isEqualTo(200);
    HttpResponse<String> r = report(tracking, "{\"status\":\"resolved\"}", TestGateway.CORE);
    assertThat(TestGateway.json(r).getBoolean("changed")).isTrue();
    assertThat(TestGateway.json(r).getValue("notified_message_id")).isNull();
    assertThat(relais.gateway.services().metrics().counter("relais_case_notifications_total", "", "outcome")
        .get("opted_out")).isEqualTo(1);
    assertThat(relais.smsc.texts()).as("the acknowledgement only").hasSize(1);
  }

  @Test
  void shouldRaiseAnSlaBreachWhenTheAnnouncedDatePassesUnanswered() throws Exception {
    relais = TestGateway.start(dir, Map.of("RELAIS_CASES_SLA_CHECK", "1s"));
    relais.core.announce(Duration.ofSeconds(1));
    String tracking = openCase("PLAINTE fuite d'eau");
    TestGateway.await("the breach", 10_000, () -> {
      try {
        return TestGateway.json(relais.api("GET", "/api/v1/cases/" + tracking, TestGateway.ADMIN, null))
            .getString("sla_breached_at") != null;
      } catch (Exception e) {
        return false;
      }
    });
    assertThat(relais.api("GET", "/metrics", TestGateway.ADMIN, null).body())
        .contains("relais_cases_sla_breached_total 1");
  }
}
