package org.relais.ivr.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowLoaderTest {

  private static final PromptCatalog PROMPTS = Flows.prompts("hello", "menu", "bad", "bye");

  private static final String VALID = """
      languages: [fr, ar, en]
      start: lang
      nodes:
        lang: {type: language, prompt: hello, options: {"1": fr, "2": ar, "3": en}, next: main}
        main:
          type: menu
          prompt: menu
          options: {"1": sales, "0": bye}
          timeout: 4s
          retries: 2
          invalid: bad
          fallback: bye
        sales: {type: route, queue: sales}
        bye: {type: hangup, prompt: bye}
      """;

  @Test
  void shouldReadAValidFlow() {
    Flow flow = Flows.parse(PROMPTS, VALID);
    assertThat(flow.name()).isEqualTo("test");
    assertThat(flow.languages()).containsExactly("fr", "ar", "en");
    assertThat(flow.node("main")).isInstanceOfSatisfying(Node.Menu.class, m -> {
      assertThat(m.timeout()).isEqualTo(Duration.ofSeconds(4));
      assertThat(m.options()).containsEntry("1", "sales");
    });
    assertThat(((Node.Route) flow.node("sales")).route()).isEqualTo("queue:sales");
  }

  @Test
  void shouldNameTheNodeWithAnUnknownTarget() {
    assertThatThrownBy(() -> Flows.parse(PROMPTS, VALID.replace("\"1\": sales", "\"1\": salse")))
        .isInstanceOf(FlowException.class)
        .hasMessage("test.yaml: node 'main': unknown target 'salse'");
  }

  @Test
  void shouldNameAnUnreachableNode() {
    String flow = VALID + "  orphan: {type: hangup}\n";
    assertThatThrownBy(() -> Flows.parse(PROMPTS, flow))
        .hasMessage("test.yaml: node 'orphan': unreachable from start 'lang'");
  }

  @Test
  void shouldNameAPromptMissingInADeclaredLanguage() {
    PromptCatalog noArabicBye = PromptCatalog.of(Map.of(
        "fr", Map.of("hello", p("hello", "fr"), "menu", p("menu", "fr"), "bad", p("bad", "fr"), "bye", p("bye", "fr")),
        "ar", Map.of("hello", p("hello", "ar"), "menu", p("menu", "ar"), "bad", p("bad", "ar")),
        "en", Map.of("hello", p("hello", "en"), "menu", p("menu", "en"), "bad", p("bad", "en"), "bye", p("bye", "en"))));
    assertThatThrownBy(() -> Flows.parse(noArabicBye, VALID))
        .hasMessage("test.yaml: node 'bye': prompt 'bye' is missing in language 'ar'");
  }

  @Test
  void shouldNameALoopThatNeverWaitsForTheCaller() {
    String flow = """
        languages: [fr]
        start: a
        nodes:
          a: {type: play, prompts: [hello], next: b}
          b: {type: play, prompts: [bye], next: a}
        """;
    assertThatThrownBy(() -> Flows.parse(PROMPTS, flow))
        .isInstanceOf(FlowException.class)
        .hasMessageContaining("node 'a'")
        .hasMessageContaining("loop a → b → a never waits for the caller");
  }

  @Test
  void shouldAcceptALoopThroughAMenu() {
    String flow = """
        languages: [fr]
        start: a
        nodes:
          a: {type: play, prompts: [hello], next: m}
          m: {type: menu, prompt: menu, options: {"9": a, "0": end}, fallback: end}
          end: {type: hangup}
        """;
    assertThat(Flows.parse(PROMPTS, flow).nodes()).hasSize(3);
  }

  @Test
  void shouldNameAnUnknownTypeOrKey() {
    assertThatThrownBy(() -> Flows.parse(PROMPTS, VALID.replace("type: route", "type: transfer")))
        .hasMessage("test.yaml: node 'sales': unknown type 'transfer' (expected play, menu, language, route or hangup)");
    assertThatThrownBy(() -> Flows.parse(PROMPTS, VALID.replace("retries: 2", "retry: 2")))
        .hasMessage("test.yaml: node 'main': unknown key 'retry' for a menu node");
  }

  @Test
  void shouldCheckEachNodesSettings() {
    assertThatThrownBy(() -> Flows.parse(PROMPTS, VALID.replace("\"0\": bye", "\"00\": bye")))
        .hasMessage("test.yaml: node 'main': option '00': expected one key of 0-9, * or #");
    assertThatThrownBy(() -> Flows.parse(PROMPTS, VALID.replace("timeout: 4s", "timeout: 4 minutes")))
        .hasMessageContaining("node 'main'").hasMessageContaining("not a duration");
    assertThatThrownBy(() -> Flows.parse(PROMPTS, VALID.replace("timeout: 4s", "timeout: 90s")))
        .hasMessage("test.yaml: node 'main': timeout 90s: expected 1s to 60s");
    assertThatThrownBy(() -> Flows.parse(PROMPTS, VALID.replace("\"3\": en", "\"3\": de")))
        .hasMessageContaining("node 'lang': language 'de' is not among the flow's languages");
    assertThatThrownBy(() -> Flows.parse(PROMPTS, VALID.replace("queue: sales", "extension: nowhere")))
        .hasMessage("test.yaml: node 'sales': extension 'nowhere': expected context,exten");
    assertThatThrownBy(() -> Flows.parse(PROMPTS, VALID.replace("start: lang", "start: nope")))
        .hasMessage("test.yaml: start: unknown node 'nope'");
  }

  @Test
  void shouldLoadEveryFlowOfAFolderAndNameABrokenFile(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("good.yaml"), VALID);
    assertThat(new FlowLoader(PROMPTS).loadAll(dir)).containsOnlyKeys("good");
    Files.writeString(dir.resolve("broken.yaml"), "languages: [fr\nstart: x");
    assertThatThrownBy(() -> new FlowLoader(PROMPTS).loadAll(dir))
        .isInstanceOf(FlowException.class).hasMessageStartingWith("broken.yaml: not valid YAML");
  }

  private static Prompt p(String key, String language) {
    return new Prompt(key, language, key, key);
  }
}
