package org.relais.ivr.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.relais.ivr.engine.CallOutcome.Ending;
import org.relais.ivr.flow.Flow;
import org.relais.ivr.flow.Flows;
import org.relais.ivr.flow.LookupService;
import org.relais.ivr.flow.Prompt;
import org.relais.ivr.flow.PromptCatalog;

class FlowEngineTest {

  private static final PromptCatalog PROMPTS = Flows.prompts("hello", "welcome", "menu", "bad", "silence", "bye", "hold");
  private static final Flow FLOW = Flows.parse(PROMPTS, """
      languages: [fr, ar, en]
      start: lang
      nodes:
        lang: {type: language, prompt: hello, options: {"1": fr, "2": ar, "3": en}, next: welcome}
        welcome: {type: play, prompts: [welcome], next: main}
        main:
          type: menu
          prompt: menu
          options: {"1": billing, "2": outages, "9": bye}
          retries: 3
          invalid: bad
          no_input: silence
          fallback: agent
        billing: {type: route, queue: billing, prompt: hold}
        outages: {type: route, extension: "emergency,100"}
        agent: {type: route, queue: operator}
        bye: {type: hangup, prompt: bye}
      """);

  private final MemoryServices services = new MemoryServices();
  private final FlowEngine engine = new FlowEngine(PROMPTS, services, "queue:operator");

  private CallOutcome run(Call call) throws Exception {
    return engine.run(FLOW, call).toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void shouldRouteToAQueueInTheChosenLanguage() throws Exception {
    ScriptedCall call = ScriptedCall.of("+21620123456", "2", "1");
    CallOutcome outcome = run(call);
    assertThat(outcome.ending()).isEqualTo(Ending.ROUTED);
    assertThat(outcome.route()).isEqualTo("queue:billing");
    assertThat(outcome.language()).isEqualTo("ar");
    assertThat(call.variables()).containsEntry("RELAIS_ROUTE", "queue:billing");
    assertThat(call.played()).containsExactly("hello/fr", "welcome/ar", "menu/ar", "hold/ar");
    assertThat(services.languages).containsEntry("+21620123456", "ar");
  }

  @Test
  void shouldRouteToAnExtension() throws Exception {
    CallOutcome outcome = run(ScriptedCall.of("", "1", "2"));
    assertThat(outcome.route()).isEqualTo("exten:emergency,100");
    assertThat(services.languages).as("no number, nothing remembered").isEmpty();
  }

  @Test
  void shouldSkipTheLanguageQuestionForAKnownCaller() throws Exception {
    services.languages.put("+21620123456", "en");
    ScriptedCall call = ScriptedCall.of("+21620123456", "9");
    CallOutcome outcome = run(call);
    assertThat(outcome.ending()).isEqualTo(Ending.COMPLETED);
    assertThat(call.played()).containsExactly("welcome/en", "menu/en", "bye/en");
    assertThat(call.variables()).containsEntry("RELAIS_ROUTE", "hangup");
    assertThat(call.hungUp()).isTrue();
  }

  @Test
  void shouldRetryInvalidAndSilentAnswersThenFallBack() throws Exception {
    ScriptedCall call = ScriptedCall.of("", "1", "7", "", "5");
    CallOutcome outcome = run(call);
    assertThat(call.played()).containsExactly("hello/fr", "welcome/fr", "menu/fr", "bad/fr", "menu/fr", "silence/fr",
        "menu/fr");
    assertThat(outcome.route()).isEqualTo("queue:operator");
    assertThat(outcome.lastNode()).isEqualTo("agent");
  }

  @Test
  void shouldUseTheFirstLanguageWhenNoneIsChosen() throws Exception {
    CallOutcome outcome = run(ScriptedCall.of("", "", "", "1"));
    assertThat(outcome.language()).isEqualTo("fr");
    assertThat(outcome.route()).isEqualTo("queue:billing");
  }

  @Test
  void shouldStopAtOnceWhenTheCallerHangsUpAndSayWhere() throws Exception {
    CallOutcome outcome = run(ScriptedCall.later("+21620123456", "1", "HANGUP"));
    assertThat(outcome.ending()).isEqualTo(Ending.ABANDONED);
    assertThat(outcome.lastNode()).isEqualTo("main");
    assertThat(outcome.route()).isNull();
  }

  @Test
  void shouldStopBeforeTheNextNodeWhenTheCallerHungUpDuringALookup() throws Exception {
    Flow flow = Flows.parse(PROMPTS, """
        languages: [fr]
        start: find
        nodes:
          find: {type: lookup, service: account_by_caller, found: out, not_found: out}
          out: {type: route, queue: billing}
        """);
    ScriptedCall line = ScriptedCall.of("+21620123456");
    AtomicBoolean gone = new AtomicBoolean();
    FlowServices hangsUpMeanwhile = new MemoryServices() {
      @Override
      public CompletionStage<LookupResult> lookup(LookupService service, String key) {
        gone.set(true);
        return CompletableFuture.completedFuture(new LookupResult.NotFound());
      }
    };
    Call call = new Call() {
      @Override
      public String caller() {
        return line.caller();
      }

      @Override
      public String id() {
        return line.id();
      }

      @Override
      public CompletionStage<Optional<Character>> play(Prompt p, String escapeDigits) {
        return line.play(p, escapeDigits);
      }

      @Override
      public CompletionStage<Input> read(Prompt p, Collect collect) {
        return line.read(p, collect);
      }

      @Override
      public CompletionStage<Recording> record(RecordRequest request) {
        return line.record(request);
      }

      @Override
      public CompletionStage<Void> setVariable(String name, String value) {
        return line.setVariable(name, value);
      }

      @Override
      public CompletionStage<Void> hangup() {
        return line.hangup();
      }

      @Override
      public boolean callerGone() {
        return gone.get();
      }
    };
    CallOutcome outcome = new FlowEngine(PROMPTS, hangsUpMeanwhile, "queue:operator").run(flow, call)
        .toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(outcome.ending()).isEqualTo(Ending.ABANDONED);
    assertThat(outcome.lastNode()).isEqualTo("find");
    assertThat(outcome.path()).containsExactly("find");
    assertThat(line.variables()).as("the route is not set for a caller who is gone").isEmpty();
  }

  @Test
  void shouldRunTheSameOnStagesThatCompleteLater() throws Exception {
    ScriptedCall call = ScriptedCall.later("+21620123456", "3", "7", "2");
    CallOutcome outcome = run(call);
    assertThat(outcome.route()).isEqualTo("exten:emergency,100");
    assertThat(outcome.language()).isEqualTo("en");
  }

  @Test
  void shouldReadOneKeyPerMenuTurnAndTakeTheTerminatorAsAnOption() throws Exception {
    Flow hash = Flows.parse(PROMPTS, """
        languages: [fr]
        start: main
        nodes:
          main: {type: menu, prompt: menu, options: {"#": bye, "1": agent}, timeout: 4s, fallback: agent}
          agent: {type: route, queue: operator}
          bye: {type: hangup}
        """);
    ScriptedCall call = ScriptedCall.of("", "#");
    CallOutcome outcome = engine.run(hash, call).toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(outcome.route()).isEqualTo("hangup");
    assertThat(call.reads()).containsExactly(new Collect(1, Duration.ofSeconds(4), Duration.ofSeconds(3), "#"));
  }

  @Test
  void shouldReadMenuOptionsOfSeveralKeys() throws Exception {
    Flow extensions = Flows.parse(PROMPTS, """
        languages: [fr]
        start: main
        nodes:
          main:
            type: menu
            prompt: menu
            options: {"12": billing, "13": agent, "9": agent}
            inter_digit_timeout: 2s
            fallback: agent
          billing: {type: route, queue: billing}
          agent: {type: route, queue: operator}
        """);
    ScriptedCall call = ScriptedCall.of("", "12");
    CallOutcome outcome = engine.run(extensions, call).toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(outcome.route()).isEqualTo("queue:billing");
    assertThat(call.reads().getFirst()).isEqualTo(new Collect(2, Duration.ofSeconds(5), Duration.ofSeconds(2), "#"));
  }

  @Test
  void shouldSendTheCallerToTheOperatorWhenSomethingBreaks() throws Exception {
    ScriptedCall broken = ScriptedCall.broken("+21620123456");
    CallOutcome outcome = run(broken);
    assertThat(outcome.ending()).isEqualTo(Ending.FAILED);
    assertThat(outcome.route()).isEqualTo("queue:operator");
    assertThat(broken.variables()).containsEntry("RELAIS_ROUTE", "queue:operator");
  }
}
