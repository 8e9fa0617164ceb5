package org.relais.gateway.twoway;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.relais.gateway.config.ConfigLoader;

/** Any text a citizen sends, in any script, is routed to an intent or to none; nothing escapes. */
class KeywordRouterFuzzTest {

  private static final KeywordRouter ROUTER = new KeywordRouter(ConfigLoader.embedded(Map.of()).sms().keywords());

  @FuzzTest(maxDuration = "10s")
  void shouldRouteAnyTextOrNone(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    ROUTER.route(text).ifPresent(r -> {
      assertThat(r.intent()).isNotNull();
      assertThat(r.languages()).isNotEmpty();
      assertThat(r.rest()).isNotNull();
    });
    assertThat(KeywordRouter.firstWord(text)).isNotNull();
  }
}
