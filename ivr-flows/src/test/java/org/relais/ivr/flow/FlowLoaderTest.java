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
  void shouldRefuseALoopThroughALanguageNodeThatSkipsAKnownLanguage() {
    String flow = """
        languages: [fr, ar]
        start: lang
        nodes:
          lang: {type: language, prompt: hello, options: {"1": fr, "2": ar}, next: again}
          again: {type: play, prompts: [bye], next: lang}
        """;
    assertThatThrownBy(() -> Flows.parse(PROMPTS, flow))
        .isInstanceOf(FlowException.class)
        .hasMessageStartingWith("test.yaml: node 'lang'")
        .hasMessageContaining("loop lang → again → lang never waits for the caller")
        .satisfies(e -> assertThat(((FlowException) e).node()).isEqualTo("lang"));
  }

  @Test
  void shouldAcceptALoopThroughALanguageNodeThatAlwaysAsks() {
    String flow = """
        languages: [fr, ar]
        start: lang
        nodes:
          lang: {type: language, prompt: hello, options: {"1": fr, "2": ar}, skip_when_known: false, next: again}
          again: {type: play, prompts: [bye], next: lang}
        """;
    assertThat(Flows.parse(PROMPTS, flow).node("lang").waitsForInput()).isTrue();
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
        .hasMessage("test.yaml: node 'sales': unknown type 'transfer' (expected " + Node.TYPES + ")");
    assertThatThrownBy(() -> Flows.parse(PROMPTS, VALID.replace("retries: 2", "retry: 2")))
        .hasMessage("test.yaml: node 'main': unknown key 'retry' for a menu node");
  }

  @Test
  void shouldCheckEachNodesSettings() {
    assertThatThrownBy(() -> Flows.parse(PROMPTS, VALID.replace("\"0\": bye", "\"12345\": bye")))
        .hasMessage("test.yaml: node 'main': option '12345': expected 1 to 4 keys of 0-9, * or #");
    assertThatThrownBy(() -> Flows.parse(PROMPTS, VALID.replace("\"0\": bye", "\"0#\": bye")))
        .hasMessage("test.yaml: node 'main': option '0#': # ends the keys and can only be an option on its own");
    assertThatThrownBy(() -> Flows.parse(PROMPTS, VALID.replace("timeout: 4s", "timeout: 4 minutes")))
        .hasMessageContaining("node 'main'").hasMessageContaining("not a duration");
    assertThatThrownBy(() -> Flows.parse(PROMPTS, VALID.replace("timeout: 4s", "timeout: 90s")))
        .hasMessage("test.yaml: node 'main': timeout 90s: expected 1s to 60s");
    assertThatThrownBy(() -> Flows.parse(PROMPTS, VALID.replace("\"3\": en", "\"3\": de")))
        .hasMessageContaining("node 'lang': language 'de' is not among the flow's languages");
    assertThatThrownBy(() -> Flows.parse(PROMPTS, VALID.replace("\"3\": en", "\"3\":")))
        .hasMessageStartingWith("test.yaml: node 'lang': option '3': which language (one of [");
    assertThatThrownBy(() -> Flows.parse(PROMPTS, VALID.replace("\"0\": bye", "\"0\":")))
        .hasMessage("test.yaml: node 'main': a target is missing (option '0')");
    assertThatThrownBy(() -> Flows.parse(PROMPTS, VALID.replace("queue: sales", "extension: nowhere")))
        .hasMessage("test.yaml: node 'sales': extension 'nowhere': expected context,exten");
    assertThatThrownBy(() -> Flows.parse(PROMPTS, VALID.replace("start: lang", "start: nope")))
        .hasMessage("test.yaml: start: unknown node 'nope'");
  }

  private static final String SERVICES = """
      languages: [fr]
      start: main
      nodes:
        main: {type: menu, prompt: menu, options: {"1": status_ask, "2": hours, "3": wait}, fallback: bye}
        status_ask: {type: input, prompt: hello, variable: tracking, check: verhoeff, min_digits: 6, max_digits: 12, next: status, fallback: bye}
        status: {type: lookup, service: case_status, input: tracking, found: by_status, not_found: bye}
        by_status: {type: branch, variable: case_status, cases: {resolved: bye}, default: bye}
        hours: {type: hours, service: hotline, open: bye, closed: bye}
        wait: {type: queue_wait, queue: billing, above: 2m, longer: callback, shorter: sales}
        callback: {type: callback, queue: billing, next: bye, failed: sales}
        sales: {type: route, queue: sales, variables: {RELAIS_ACCOUNT: "${account}"}}
        bye: {type: hangup, prompt: bye}
      """;

  @Test
  void shouldReadEveryNodeTypeOfAValidFlow() {
    Flow flow = Flows.parse(PROMPTS, SERVICES);
    assertThat(flow.node("status")).isEqualTo(new Node.Lookup(LookupService.CASE_STATUS, "tracking", "by_status", "bye",
        null));
    assertThat(flow.node("status_ask")).isInstanceOfSatisfying(Node.Input.class, i -> {
      assertThat(i.check()).isEqualTo(CheckDigit.VERHOEFF);
      assertThat(i.terminator()).isEqualTo("#");
    });
  }

  @Test
  void shouldNameTheKeyWhoseTargetIsMissing() {
    assertThatThrownBy(() -> Flows.parse(PROMPTS, SERVICES.replace("cases: {resolved: bye}", "cases: {resolved: }")))
        .hasMessage("test.yaml: node 'by_status': a target is missing (case 'resolved')");
    assertThatThrownBy(() -> Flows.parse(PROMPTS, SERVICES.replace(", default: bye}", "}")))
        .hasMessage("test.yaml: node 'by_status': a target is missing (default)");
    assertThatThrownBy(() -> Flows.parse(PROMPTS, SERVICES.replace(", fallback: bye}", "}")))
        .hasMessage("test.yaml: node 'main': a target is missing (fallback)");
  }

  @Test
  void shouldNameTheNodeWhoseServiceSettingsCannotWork() {
    assertThatThrownBy(() -> Flows.parse(PROMPTS, java.util.Set.of(), SERVICES))
        .hasMessage("test.yaml: node 'hours': service: unknown service 'hotline' (opening hours are configured for []"
            + " in ivr.hours)");
    assertThatThrownBy(() -> Flows.parse(PROMPTS, SERVICES.replace("input: tracking, found", "found")))
        .hasMessage("test.yaml: node 'status': input: the variable case_status looks up");
    assertThatThrownBy(() -> Flows.parse(PROMPTS, SERVICES.replace("service: case_status", "service: weather")))
        .hasMessageContaining("node 'status'").hasMessageContaining("unknown service 'weather'");
    assertThatThrownBy(() -> Flows.parse(PROMPTS, SERVICES.replace("check: verhoeff", "check: crc")))
        .hasMessageContaining("node 'status_ask'").hasMessageContaining("unknown check 'crc'");
    assertThatThrownBy(() -> Flows.parse(PROMPTS, SERVICES.replace("{resolved: bye}", "{solved: bye}")))
        .hasMessage("test.yaml: node 'by_status': case 'solved': case_status is one of [closed, in_progress,"
            + " received, rejected, resolved]");
    assertThatThrownBy(() -> Flows.parse(PROMPTS, SERVICES.replace("min_digits: 6", "min_digits: 14")))
        .hasMessage("test.yaml: node 'status_ask': min_digits 14, max_digits 12: expected 1 <= min_digits <="
            + " max_digits <= 32");
    assertThatThrownBy(() -> Flows.parse(PROMPTS, SERVICES.replace("RELAIS_ACCOUNT", "relais account")))
        .hasMessageContaining("node 'sales': variables: 'relais account' is not a channel variable name");
    assertThatThrownBy(() -> Flows.parse(PROMPTS, SERVICES.replace("next: bye, failed: sales", "next: bye")))
        .hasMessage("test.yaml: node 'callback': a target is missing (failed)");
    assertThatThrownBy(() -> Flows.parse(PROMPTS, SERVICES.replace("${account}", "${Account}")))
        .hasMessageContaining("node 'sales': ${Account}: 'Account' is not a variable name");
    assertThatThrownBy(() -> Flows.parse(PROMPTS, SERVICES.replace("above: 2m", "above: 3h")))
        .hasMessage("test.yaml: node 'wait': above 3h: expected 0s to 2h");
  }

  @Test
  void shouldNeedTheDigitPromptsInEveryLanguageToReadANumberBack() {
    PromptCatalog noDigits = PromptCatalog.of(Map.of("fr", Map.of("hello", p("hello", "fr"))));
    String flow = """
        languages: [fr]
        start: ask
        nodes:
          ask: {type: input, prompt: hello, variable: tracking, next: say, fallback: say}
          say: {type: say, variable: tracking, next: end}
          end: {type: hangup}
        """;
    assertThatThrownBy(() -> Flows.parse(noDigits, flow))
        .hasMessage("test.yaml: node 'say': prompt 'digit-0' is missing in language 'fr'");
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
