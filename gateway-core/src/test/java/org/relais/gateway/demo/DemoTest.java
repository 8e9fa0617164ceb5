package org.relais.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.relais.gateway.config.ConfigLoader;

/** The demo's own peers: the jSMPP SMSC simulator and the core stub, with a gateway between them. */
@Timeout(60)
class DemoTest {

  @Test
  void shouldAnswerACitizensComplaintThroughTheSimulator() throws Exception {
    try (Demo demo = Demo.start(ConfigLoader.embedded(Map.of()), Map.of(), ConfigLoader::embedded, true)) {
      List<String> replies = demo.peers().deliverAndCollect("+21620123456", "PLAINTE fuite d'eau rue de Marseille");
      assertThat(replies).singleElement().asString()
          .startsWith("Votre réclamation est enregistrée sous le numéro")
          .contains("3 jours");
      assertThat(demo.peers().core().received().getFirst().getString("category")).isEqualTo("water");
      assertThat(demo.peers().core().cases()).hasSize(1);
      assertThat(demo.peers().smsc().submitted()).singleElement()
          .satisfies(m -> assertThat(m.destination()).isEqualTo("+21620123456"));
      List<String> arabic = demo.peers().deliverAndCollect("+21620000000", "شكاية انقطاع الماء في الحي");
      assertThat(arabic).singleElement().asString().startsWith("تم تسجيل شكايتكم");
    }
  }
}
