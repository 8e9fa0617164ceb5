package org.relais.gateway.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.relais.gateway.TestGateway;
import org.relais.gateway.telephony.ami.FakeAmi;

/** A gateway with voice alerts on, its AMI the test's {@link FakeAmi}, and subscribers inside the test flood's area. */
final class VoiceAlerts {

  static final String SECRET = "s3cret";

  private VoiceAlerts() {}

  /**
   * Starts a gateway calling through {@code asterisk} (retries after 10 ms, 50 calls a second,
   * {@code extra} on top) and waits for its AMI login.
   */
  static TestGateway start(Path dir, FakeAmi asterisk, String ttsCommand, Map<String, String> extra) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("RELAIS_API_TOKENS", AlertsApiTest.TOKENS);
    env.put("RELAIS_AMI_ENABLED", "true");
    env.put("RELAIS_AMI_PORT", String.valueOf(asterisk.port()));
    env.put("RELAIS_AMI_SECRET", SECRET);
    env.put("RELAIS_ALERTS_TTS_COMMAND", ttsCommand);
    env.put("RELAIS_ALERTS_TTS_DIR", dir.resolve("tts").toString());
    env.put("RELAIS_ALERTS_RETRY_DELAY", "10ms");
    env.put("RELAIS_ALERTS_CALLS_PER_SECOND", "50");
    env.put("RELAIS_ALERTS_VOICE_CHANNEL", "PJSIP/{number}@trunk");
    env.putAll(extra);
    TestGateway relais = TestGateway.start(dir, env);
    TestGateway.await("AMI login", 10_000, () -> asterisk.logins() > 0);
    return relais;
  }

  /** Puts a French subscriber inside the flood's area, consenting to alerts, reached on {@code channels}. */
  static void subscriber(TestGateway relais, String msisdn, String... channels) throws Exception {
    HttpResponse<String> r = relais.api("PUT", "/api/v1/subscribers/" + msisdn, AlertsApiTest.ALERTER,
        new JsonObject().put("language", "fr").put("location", new JsonObject().put("lat", 36.82).put("long", 10.17))
            .put("channels", new JsonArray(List.of(channels))).put("consents", new JsonObject().put("alerts", true))
            .encode());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }
}
