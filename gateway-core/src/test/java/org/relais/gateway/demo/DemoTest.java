package org.relais.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.relais.gateway.config.ConfigLoader;

/**
 * The demo's own peers: the jSMPP SMSC simulator and the core stubs, with a gateway between them;
 * a complaint by SMS goes round trip with each contract, as in {@code ./relais demo}.
 */
@Timeout(60)
class DemoTest {

  private static void changeStatus(Demo demo, String coreId, String status, String note) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
              + demo.peers().httpPort() + "/demo/cases/" + coreId + "/status"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"status\":\"" + status + "\",\"note\":\"" + note + "\"}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
  }

  @Test
  void shouldGoRoundTripWithTheRelaisJsonCore() throws Exception {
    try (Demo demo = Demo.start(ConfigLoader.embedded(Map.of()), Map.of(), ConfigLoader::embedded, true)) {
      List<String> replies = demo.peers().deliverAndCollect("+21620123456", "PLAINTE fuite d'eau rue de Marseille");
      assertThat(replies).singleElement().asString()
          .startsWith("Votre réclamation est enregistrée sous le numéro")
          .contains("3 jours");
      assertThat(demo.peers().core().cases()).hasSize(1);
      assertThat(demo.peers().core().received().getFirst().getString("category")).isEqualTo("water");
      assertThat(demo.peers().smsc().submitted()).singleElement()
          .satisfies(m -> assertThat(m.destination()).isEqualTo("+21620123456"));

      changeStatus(demo, "C-000001", "in_progress", "Equipe en route");
      assertThat(demo.peers().awaitMessagesTo("+21620123456", 2, Duration.ofSeconds(15)).getLast())
          .endsWith(": en cours de traitement. Equipe en route");

      List<String> arabic = demo.peers().deliverAndCollect("+21620000000", "شكاية انقطاع الماء في الحي");
      assertThat(arabic).singleElement().asString().startsWith("تم تسجيل شكايتكم");
    }
  }

  @Test
  void shouldGoRoundTripWithTheOpen311Core() throws Exception {
    Map<String, String> env = Map.of("RELAIS_CORE_PROTOCOL", "open311");
    try (Demo demo = Demo.start(ConfigLoader.embedded(env), env, ConfigLoader::embedded, true)) {
      List<String> replies = demo.peers().deliverAndCollect("+21620123456", "COMPLAINT broken streetlight");
      assertThat(replies).singleElement().asString().startsWith("Your complaint is registered under number");
      assertThat(demo.peers().open311().requests()).containsKey("638344");
      assertThat(demo.peers().open311().requests().get("638344").getString("service_code")).isEqualTo("lighting");
      changeStatus(demo, "638344", "closed", "Lamp replaced");
      assertThat(demo.peers().awaitMessagesTo("+21620123456", 2, Duration.ofSeconds(15)).getLast())
          .endsWith(": closed. Lamp replaced");
    }
  }
}
