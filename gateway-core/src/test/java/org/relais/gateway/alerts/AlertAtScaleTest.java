package org.relais.gateway.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.relais.gateway.NoBlockedEventLoops;
import org.relais.gateway.TestGateway;
import org.relais.gateway.subscribers.Channel;
import org.relais.gateway.subscribers.Consent;
import org.relais.gateway.subscribers.Subscriber;
import org.relais.sms.smpp.TestSmsc;

/**
 * One alert to 100,000 subscribers inside a polygon, with 20,000 just outside it, through the
 * whole path to the cloudhopper SMSC: each one inside gets exactly one SMS, in their language;
 * nobody outside gets anything. Bounded: it waits for the 100,000 submits, never longer than the
 * class timeout.
 */
@Timeout(600)
@ExtendWith(NoBlockedEventLoops.class)
class AlertAtScaleTest {

  private static final int INSIDE = 100_000;
  private static final int OUTSIDE = 20_000;
  private static final String[] LANGUAGES = {"fr", "ar", "en"};

  @TempDir
  Path dir;

  @Test
  void shouldSendEachOfAHundredThousandSubscribersExactlyTheirLanguageAndNobodyOutside() throws Exception {
    try (TestGateway relais = TestGateway.start(dir, Map.of("RELAIS_API_TOKENS", AlertsApiTest.TOKENS,
        "RELAIS_SMPP_TPS", "100000", "RELAIS_SMPP_WINDOW", "200", "RELAIS_ALERTS_APPROVAL_THRESHOLD", "200000"))) {
      Map<String, String> languageOf = new HashMap<>();
      Random random = new Random(7);
      List<Subscriber> chunk = new ArrayList<>();
      for (int i = 0; i < INSIDE + OUTSIDE; i++) {
        String msisdn = "+2165" + (1_000_000 + i);
        String language = LANGUAGES[i % 3];
        boolean inside = i < INSIDE;
        double lat = inside ? 36.80 + 0.0001 + random.nextDouble() * 0.0498 : 36.70 + random.nextDouble() * 0.099;
        double lon = 10.15 + 0.0001 + random.nextDouble() * 0.0498;
        if (inside) {
          languageOf.put(msisdn.substring(1), language);
        }
        chunk.add(new Subscriber(msisdn, language, List.of(), new Subscriber.Place(lat, lon), EnumSet.of(Channel.SMS),
            Map.of(Consent.ALERTS, true), false, false, null));
        if (chunk.size() == 5_000) {
          relais.gateway.services().store().subscribers().saveAll(chunk).await();
          chunk = new ArrayList<>();
        }
      }
      HttpResponse<String> r = relais.api("POST", "/api/v1/alerts", AlertsApiTest.ALERTER,
          Caps.flood("BIG-1", "fr-FR", "ar", "en").encode());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      JsonObject accepted = TestGateway.json(r);
      assertThat(accepted.getJsonObject("recipients").getInteger("sms")).isEqualTo(INSIDE);

      relais.smsc.awaitSubmits(INSIDE, 480_000);
      Map<String, Integer> seen = new HashMap<>();
      for (TestSmsc.Text t : relais.smsc.texts()) {
        String language = languageOf.get(t.destination());
        assertThat(language).as("%s is outside the polygon", t.destination()).isNotNull();
        assertThat(t.text()).startsWith(Caps.headline(language)).endsWith("desc-" + (language.equals("fr") ? "fr-FR" : language));
        seen.merge(t.destination(), 1, Integer::sum);
      }
      assertThat(seen).hasSize(INSIDE);
      assertThat(seen.values()).containsOnly(1);
      JsonObject status = TestGateway.json(relais.api("GET", "/api/v1/alerts/" + accepted.getString("id"),
          AlertsApiTest.ALERTER, null));
      assertThat(status.getInteger("targeted")).isEqualTo(INSIDE);
      TestGateway.await("every submit recorded", 60_000, () -> submittedOf(relais, accepted.getString("id")) == INSIDE);
    }
  }

  private static long submittedOf(TestGateway relais, String id) {
    try {
      return TestGateway.json(relais.api("GET", "/api/v1/alerts/" + id, AlertsApiTest.ALERTER, null))
          .getJsonObject("sms").getLong("submitted");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
