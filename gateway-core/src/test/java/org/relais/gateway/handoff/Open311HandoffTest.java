package org.relais.gateway.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.relais.gateway.NoBlockedEventLoops;
import org.relais.gateway.TestGateway;

/**
 * The Open311 contract against a server that behaves like those in the wild: string ids and
 * booleans, a token before the id, 400 for a duplicate, updates polled from
 * servicerequestupdates.json; a complaint goes round trip from the citizen's SMS to the status
 * the citizen hears back.
 */
@Timeout(60)
@ExtendWith(NoBlockedEventLoops.class)
class Open311HandoffTest {

  private static final String CITIZEN = "+21620123456";

  @TempDir
  Path dir;
  private TestGateway relais;

  @BeforeEach
  void start() throws Exception {
    relais = TestGateway.start(dir, Map.of("RELAIS_CORE_PROTOCOL", "open311", "RELAIS_CORE_TIMEOUT", "500ms",
        "RELAIS_CORE_INITIAL_BACKOFF", "50ms", "RELAIS_CORE_MAX_BACKOFF", "200ms"));
  }

  @AfterEach
  void stop() throws Exception {
    relais.close();
  }

  private String coreId() {
    try {
      Object id = relais.query("SELECT core_id FROM cases").getFirst().get("core_id");
      return id == null ? null : id.toString();
    } catch (Exception e) {
      return null;
    }
  }

  @Test
  void shouldGoRoundTripFromTheCitizensTextToTheStatusTheyHearBack() throws Exception {
    relais.citizenSends(CITIZEN, "PLAINTE lampadaire éteint avenue Bourguiba");
    Matcher m = Pattern.compile("(\\d{8})").matcher(relais.reply(CITIZEN, 0).text());
    assertThat(m.find()).isTrue();
    String tracking = m.group(1);
    TestGateway.await("the request at the Open311 server", 10_000, () -> relais.open311.requests().size() == 1);
    MultiMap form = relais.open311.posts().getFirst();
    assertThat(form.get("api_key")).isEqualTo("open311-key");
    assertThat(form.get("service_code")).isEqualTo("lighting");
    assertThat(form.get("description")).isEqualTo("lampadaire éteint avenue Bourguiba");
    assertThat(form.get("phone")).isEqualTo(CITIZEN);
    assertThat(form.get("attribute[tracking_number]")).isEqualTo(tracking);
    TestGateway.await("the service_request_id", 10_000, () -> "638344".equals(coreId()));

    relais.open311.update("638344", "closed", "Lampe remplacée");
    assertThat(relais.reply(CITIZEN, 1).text()).isEqualTo("Votre demande " + tracking + ": clôturée. Lampe remplacée");
    Thread.sleep(800);
    assertThat(relais.smsc.texts()).as("the same update polled again tells nothing").hasSize(2);
    assertThat(relais.query("SELECT source FROM case_status")).extracting(r -> r.get("source")).containsExactly("open311");
  }

  @Test
  void shouldResolveATokenIntoTheRequestIdLater() throws Exception {
    relais.open311.tokensFirst(true);
    relais.citizenSends(CITIZEN, "PLAINTE fuite d'eau");
    relais.reply(CITIZEN, 0);
    TestGateway.await("the token", 10_000, () -> {
      try {
        return "tok-638344".equals(relais.query("SELECT core_token FROM cases").getFirst().get("core_token"));
      } catch (Exception e) {
        return false;
      }
    });
    TestGateway.await("the id behind the token", 10_000, () -> "638344".equals(coreId()));
    relais.open311.update("638344", "in_progress", null);
    assertThat(relais.reply(CITIZEN, 1).text()).startsWith("Votre demande").contains("en cours de traitement");
  }

  @Test
  void shouldTakeA400DuplicateForARequestTheServerAlreadyHas() throws Exception {
    relais.open311.delayAnswers(1500);
    relais.citizenSends(CITIZEN, "PLAINTE fuite d'eau");
    relais.reply(CITIZEN, 0);
    TestGateway.await("a retry after the timeout", 15_000, () -> relais.open311.posts().size() >= 2);
    relais.open311.delayAnswers(0);
    TestGateway.await("the id from the duplicate answer", 15_000, () -> "638344".equals(coreId()));
    assertThat(relais.open311.requests()).hasSize(1);
  }

  @Test
  void shouldDeadLetterARequestTheServerRefuses() throws Exception {
    relais.open311.withdraw("general");
    relais.citizenSends(CITIZEN, "PLAINTE ça ne va pas du tout");
    relais.reply(CITIZEN, 0);
    relais.citizenSends(CITIZEN, "0");
    relais.reply(CITIZEN, 1);
    TestGateway.await("dead letter", 10_000, () -> {
      try {
        return "dead".equals(relais.query("SELECT handoff_state FROM cases").getFirst().get("handoff_state"));
      } catch (Exception e) {
        return false;
      }
    });
    assertThat(relais.query("SELECT last_error FROM outbox").getFirst().get("last_error").toString())
        .contains("400").contains("Service not found");
  }
}
