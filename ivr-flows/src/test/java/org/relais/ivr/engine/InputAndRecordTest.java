package org.relais.ivr.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.relais.ivr.engine.CallOutcome.Ending;
import org.relais.ivr.flow.Flow;
import org.relais.ivr.flow.Flows;
import org.relais.ivr.flow.PromptCatalog;

/** The input, say and record nodes against a scripted call. */
class InputAndRecordTest {

  private static final PromptCatalog PROMPTS = Flows.prompts("ask", "wrong", "nothing", "yours", "speak", "keep",
      "silent", "thanks");
  private static final Flow FLOW = Flows.parse(PROMPTS, """
      languages: [fr, ar]
      start: number
      nodes:
        number:
          type: input
          prompt: ask
          variable: tracking
          min_digits: 8
          max_digits: 8
          check: verhoeff
          timeout: 6s
          inter_digit_timeout: 3s
          invalid: wrong
          no_input: nothing
          retries: 3
          next: readback
          fallback: agent
        readback: {type: say, prompt: yours, variable: tracking, next: complaint}
        complaint:
          type: record
          prompt: speak
          confirm: keep
          no_input: silent
          max_duration: 90s
          silence: 4s
          retries: 2
          next: done
          fallback: agent
        done: {type: hangup, prompt: thanks}
        agent: {type: route, queue: operator}
      """);

  private final MemoryServices services = new MemoryServices();
  private final FlowEngine engine = new FlowEngine(PROMPTS, services, "queue:operator");

  private CallOutcome run(ScriptedCall call) throws Exception {
    return engine.run(FLOW, call).toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void shouldCatchAMistypedNumberAndReadTheRightOneBackDigitByDigit() throws Exception {
    ScriptedCall call = ScriptedCall.of("+21620123456", "40213377#", "", "40213378", "25", "1");
    CallOutcome outcome = run(call);
    assertThat(outcome.ending()).isEqualTo(Ending.COMPLETED);
    assertThat(call.played()).containsSubsequence("ask/fr", "wrong/fr", "ask/fr", "nothing/fr", "ask/fr", "yours/fr",
        "digit-4/fr", "digit-0/fr", "digit-2/fr", "digit-1/fr", "digit-3/fr", "digit-3/fr", "digit-7/fr", "digit-8/fr",
        "speak/fr");
    assertThat(call.reads().getFirst()).isEqualTo(new Collect(8, Duration.ofSeconds(6), Duration.ofSeconds(3), "#"));
  }

  @Test
  void shouldReadTheNumberBackInTheCallersLanguage() throws Exception {
    PromptCatalog prompts = Flows.prompts("lang", "ask", "yours", "thanks");
    Flow spoken = Flows.parse(prompts, """
        languages: [fr, ar, en]
        start: lang
        nodes:
          lang: {type: language, prompt: lang, options: {"1": fr, "2": ar, "3": en}, next: number}
          number: {type: input, prompt: ask, variable: tracking, min_digits: 4, max_digits: 4, next: readback,
                   fallback: done}
          readback: {type: say, prompt: yours, variable: tracking, next: done}
          done: {type: hangup, prompt: thanks}
        """);
    FlowEngine readBack = new FlowEngine(prompts, services, "queue:operator");
    for (String key : new String[] {"2", "3"}) {
      String language = key.equals("2") ? "ar" : "en";
      ScriptedCall call = ScriptedCall.of("+2162012345" + key, key, "9051");
      CallOutcome outcome = readBack.run(spoken, call).toCompletableFuture().get(5, TimeUnit.SECONDS);
      assertThat(outcome.ending()).isEqualTo(Ending.COMPLETED);
      assertThat(outcome.language()).isEqualTo(language);
      assertThat(call.played()).containsExactly("lang/fr", "ask/" + language, "yours/" + language,
          "digit-9/" + language, "digit-0/" + language, "digit-5/" + language, "digit-1/" + language,
          "thanks/" + language);
    }
  }

  @Test
  void shouldGoToTheFallbackAfterTheLastWrongNumber() throws Exception {
    CallOutcome outcome = run(ScriptedCall.of("", "1234", "12345678", "#"));
    assertThat(outcome.route()).isEqualTo("queue:operator");
    assertThat(outcome.lastNode()).isEqualTo("agent");
  }

  @Test
  void shouldKeepARecordingAfterTheCallerListenedToIt() throws Exception {
    ScriptedCall call = ScriptedCall.of("", "40213378", "25", "2", "1");
    CallOutcome outcome = run(call);
    assertThat(outcome.ending()).isEqualTo(Ending.COMPLETED);
    assertThat(call.played()).containsSubsequence("speak/fr", "(record complaint)", "keep/fr", "recording/fr", "keep/fr",
        "thanks/fr");
  }

  @Test
  void shouldRecordAgainWhenTheCallerAsksAndAskAgainWhenNothingWasSaid() throws Exception {
    ScriptedCall call = ScriptedCall.of("", "40213378", "12", "3", "0", "20", "");
    CallOutcome outcome = run(call);
    assertThat(outcome.ending()).isEqualTo(Ending.COMPLETED);
    assertThat(call.played()).containsSubsequence("(record complaint)", "keep/fr", "speak/fr", "(record complaint)",
        "silent/fr", "speak/fr", "(record complaint)", "keep/fr", "thanks/fr");
  }

  @Test
  void shouldGiveUpRecordingWhenTheCallerSaysNothingTwice() throws Exception {
    CallOutcome outcome = run(ScriptedCall.of("", "40213378", "0", "0"));
    assertThat(outcome.route()).isEqualTo("queue:operator");
  }

  @Test
  void shouldStopWhenTheCallerHangsUpWhileRecording() throws Exception {
    CallOutcome outcome = run(ScriptedCall.later("", "40213378", "HANGUP"));
    assertThat(outcome.ending()).isEqualTo(Ending.ABANDONED);
    assertThat(outcome.lastNode()).isEqualTo("complaint");
  }
}
