package org.relais.gateway.twoway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class KeywordRouterTest {

  private final KeywordRouter router = new KeywordRouter(Map.of(
      "complaint", Map.of("fr", List.of("PLAINTE", "RECLAMATION"), "ar", List.of("شكاية"), "en", List.of("COMPLAINT")),
      "stop", Map.of("fr", List.of("STOP", "ARRET"), "en", List.of("STOP")),
      "status", Map.of("fr", List.of("SUIVI"), "ar", List.of("تتبع"), "en", List.of("STATUS"))));

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "PLAINTE fuite d'eau rue de Marseille | fr | fuite d'eau rue de Marseille",
    "plainte: fuite                       | fr | fuite",
    "Réclamation compteur bloqué          | fr | compteur bloqué",
    "RÉCLAMATION, facture trop élevée     | fr | facture trop élevée",
    "  complaint   no water since monday  | en | no water since monday",
    "شكاية انقطاع الماء                   | ar | انقطاع الماء",
    "شـكـايـة انقطاع                      | ar | انقطاع",
    "شِكايةٌ تسرب                          | ar | تسرب",
  })
  void shouldRecogniseTheKeywordLoosely(String text, String language, String rest) {
    assertThat(router.route(text)).hasValueSatisfying(r -> {
      assertThat(r.intent()).isEqualTo(Intent.COMPLAINT);
      assertThat(r.languages()).containsExactly(language);
      assertThat(r.rest()).isEqualTo(rest);
    });
  }

  @Test
  void shouldKeepEveryLanguageOfASharedKeyword() {
    assertThat(router.route("stop")).hasValueSatisfying(r -> {
      assertThat(r.intent()).isEqualTo(Intent.STOP);
      assertThat(r.languages()).containsExactlyInAnyOrder("fr", "en");
    });
    assertThat(router.route("Arrêt")).hasValueSatisfying(r -> assertThat(r.languages()).containsExactly("fr"));
    assertThat(router.route("تتبع 40213377")).hasValueSatisfying(r -> {
      assertThat(r.intent()).isEqualTo(Intent.STATUS);
      assertThat(r.rest()).isEqualTo("40213377");
    });
  }

  @Test
  void shouldRefuseAWordThatNamesTwoIntents() {
    assertThatThrownBy(() -> new KeywordRouter(Map.of("stop", Map.of("fr", List.of("STOP")),
        "help", Map.of("en", List.of("stop")))))
        .isInstanceOf(org.relais.gateway.config.ConfigException.class)
        .hasMessageContaining("names both").hasMessageContaining("help").hasMessageContaining("stop");
  }

  @Test
  void shouldNotGuessAnUnknownWord() {
    assertThat(router.route("PLAINTES multiples")).isEmpty();
    assertThat(router.route("bonjour")).isEmpty();
    assertThat(router.route("")).isEmpty();
    assertThat(router.route(null)).isEmpty();
  }

  @Test
  void shouldGiveAnEmptyRestForTheKeywordAlone() {
    assertThat(router.route("PLAINTE")).hasValueSatisfying(r -> assertThat(r.rest()).isEmpty());
  }

  @Test
  void shouldTellArabicScript() {
    assertThat(KeywordRouter.isArabic("مرحبا")).isTrue();
    assertThat(KeywordRouter.isArabic("bonjour مرحبا tout le monde")).isFalse();
    assertThat(KeywordRouter.isArabic("1234")).isFalse();
  }
}
