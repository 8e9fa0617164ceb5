package org.relais.ivr.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading {@code prompts/<language>.yaml}: each form of entry, and a bad entry named with its file. */
class PromptCatalogTest {

  @TempDir
  Path dir;

  private PromptCatalog load(String language, String yaml) throws IOException {
    Files.writeString(dir.resolve(language + ".yaml"), yaml);
    return PromptCatalog.load(dir, "relais");
  }

  @Test
  void shouldReadEachFormOfEntry() throws IOException {
    Files.writeString(dir.resolve("notes.txt"), "not a catalogue");
    PromptCatalog catalog = load("FR", """
        welcome: "Bienvenue"
        music: {text: "Musique d'attente", sound: "custom/hold-music"}
        notice: {text: "Coupure rue de Marseille", tts: true}
        """);
    assertThat(catalog.languages()).containsExactly("fr");
    assertThat(catalog.find("welcome", "fr")).contains(new Prompt("welcome", "fr", "relais/fr/welcome", "Bienvenue"));
    assertThat(catalog.find("music", "fr")).contains(
        new Prompt("music", "fr", "custom/hold-music", "Musique d'attente"));
    assertThat(catalog.find("notice", "fr")).contains(
        new Prompt("notice", "fr", "relais/fr/notice", "Coupure rue de Marseille", true));
    assertThat(catalog.hasTts()).isTrue();
    assertThat(catalog.findBySound("custom/hold-music").map(Prompt::key)).contains("music");
    assertThat(catalog.find("welcome", "ar")).isEmpty();
    assertThat(catalog.resolve("nope", "fr").text()).as("safety net only").isEqualTo("[nope]");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "welcome: [Bienvenue]",
      "welcome: {sound: relais/fr/welcome}",
      "welcome: {text: Bienvenue, tts: yes-please}",
      "welcome: {text: Bienvenue, sond: relais/fr/welcome}",
      "welcome: {text: [a, b]}",
      "welcome: 42"})
  void shouldNameTheFileAndTheKeyOfAMalformedEntry(String yaml) {
    assertThatThrownBy(() -> load("en", "bye: Goodbye\n" + yaml + "\n"))
        .isInstanceOf(FlowException.class)
        .hasMessageStartingWith("en.yaml: ")
        .hasMessageContaining("prompt 'welcome'")
        .satisfies(e -> assertThat(((FlowException) e).file()).isEqualTo("en.yaml"));
  }

  @Test
  void shouldNameTheFileThatIsNotAMapOrNotYaml() throws IOException {
    assertThatThrownBy(() -> load("ar", "- a list\n- of texts\n")).isInstanceOf(FlowException.class)
        .hasMessage("ar.yaml: expected a map of prompt keys");
    Files.delete(dir.resolve("ar.yaml"));
    assertThatThrownBy(() -> load("en", "welcome: \"unclosed\n")).isInstanceOf(FlowException.class)
        .hasMessageStartingWith("en.yaml: not readable YAML");
  }

  @Test
  void shouldNameTheFolderThatCannotBeRead() {
    assertThatThrownBy(() -> PromptCatalog.load(dir.resolve("missing"), "relais")).isInstanceOf(FlowException.class)
        .hasMessageContaining("cannot read prompts");
  }
}
