package org.relais.gateway.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.relais.gateway.config.ConfigException;
import org.relais.gateway.config.ConfigLoader;

class TemplatesTest {

  private final Templates templates =
      Templates.load(ConfigLoader.embeddedHome().resolve("templates/sms.yaml"), List.of("fr", "ar", "en"));

  @Test
  void shouldFillPlaceholders() {
    assertThat(templates.render("complaint_ack", "fr", "fr", Map.of("tracking", "40213377", "delay", "3 jours")))
        .startsWith("Votre réclamation est enregistrée sous le numéro 40213377. Réponse prévue sous 3 jours.");
  }

  @ParameterizedTest(name = "{1} {0}")
  @CsvSource({
    "fr, 1d,  1 jour", "fr, 3d, 3 jours", "fr, 5h, 5 heures", "en, 1h, 1 hour", "en, 48h, 2 days",
    "ar, 1d, يوم واحد", "ar, 2d, يومين", "ar, 3d, 3 أيام", "ar, 14d, 14 يوما", "ar, 12h, 12 ساعة",
  })
  void shouldWriteDelaysWithEachLanguagesPlurals(String language, String delay, String words) {
    assertThat(templates.delay(org.relais.ivr.flow.Durations.parse(delay), language, "fr")).isEqualTo(words);
  }

  @Test
  void shouldRoundPartialHoursUpAndLongDelaysToDays() {
    assertThat(templates.delay(Duration.ofMinutes(61), "en", "fr")).isEqualTo("2 hours");
    assertThat(templates.delay(Duration.ofHours(80), "en", "fr")).isEqualTo("4 days");
  }

  @ParameterizedTest(name = "{0} in {1}")
  @CsvSource({"stop_ok, fr", "stop_ok, ar", "stop_ok, en", "start_ok, fr", "start_ok, ar", "start_ok, en",
      "help, fr", "help, ar", "help, en"})
  void shouldFitTheRepliesToStopAndHelpInOnePart(String key, String language) {
    String text = templates.render(key, language, "fr", Map.of());
    assertThat(new org.relais.sms.encoding.SmsEncoder(org.relais.sms.encoding.Concatenation.UDH8, 10)
        .partsFor(text, false)).as(text).isEqualTo(1);
  }

  @Test
  void shouldFallBackToTheDefaultLanguage() {
    assertThat(templates.render("help", "de", "fr", Map.of())).startsWith("PLAINTE + texte");
  }

  @Test
  void shouldRefuseATemplateMissingInALanguage(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sms.yaml");
    Files.writeString(file, "help:\n  fr: Aide\n  en: Help\n");
    assertThatThrownBy(() -> Templates.load(file, List.of("fr", "ar", "en")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config: sms.yaml: template 'help' has no text in language 'ar'");
  }
}
