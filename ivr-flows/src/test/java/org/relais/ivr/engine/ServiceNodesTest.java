package org.relais.ivr.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.relais.ivr.engine.CallOutcome.Ending;
import org.relais.ivr.flow.Flow;
import org.relais.ivr.flow.Flows;
import org.relais.ivr.flow.LookupService;
import org.relais.ivr.flow.PromptCatalog;

/** The nodes that ask the gateway: lookup, case, callback and queue_wait, and route variables. */
class ServiceNodesTest {

  private static final PromptCatalog PROMPTS = Flows.prompts("menu", "ask", "unknown", "sorry", "registered", "offer",
      "called-back", "speak");
  private static final Flow FLOW = Flows.parse(PROMPTS, """
      languages: [fr, en]
      start: main
      nodes:
        main:
          type: menu
          prompt: menu
          options: {"1": account, "2": status_ask, "3": complaint, "4": wait}
          fallback: operator
        account: {type: lookup, service: account_by_caller, found: billing, not_found: operator}
        billing: {type: route, queue: billing, variables: {RELAIS_ACCOUNT: "${account}"}}
        status_ask: {type: input, prompt: ask, variable: tracking, check: verhoeff, min_digits: 6, max_digits: 12, next: status, fallback: operator}
        status: {type: lookup, service: case_status, input: tracking, found: status_branch, not_found: unknown, failed: sorry}
        status_branch: {type: branch, variable: case_status, cases: {resolved: bye}, default: operator}
        unknown: {type: play, prompts: [unknown], next: main}
        sorry: {type: play, prompts: [sorry], next: operator}
        complaint: {type: record, prompt: speak, next: category, fallback: operator}
        category: {type: set, values: {category: "water"}, next: open_case}
        open_case:
          type: case
          category: "${category}"
          description: "Voice complaint from ${caller}"
          recording: recording
          next: registered
          failed: sorry
        registered: {type: say, prompt: registered, variable: tracking, next: bye}
        wait: {type: queue_wait, queue: billing, above: 2m, longer: offer, shorter: billing}
        offer: {type: menu, prompt: offer, options: {"1": callback, "2": billing}, fallback: billing}
        callback: {type: callback, queue: billing, topic: "billing ${account}", hours: hotline, next: called_back, failed: billing}
        called_back: {type: hangup, prompt: called-back}
        operator: {type: route, queue: operator}
        bye: {type: hangup}
      """);

  private final MemoryServices services = new MemoryServices();
  private final FlowEngine engine = new FlowEngine(PROMPTS, services, "queue:operator");

  private CallOutcome run(ScriptedCall call) throws Exception {
    return engine.run(FLOW, call).toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void shouldHandTheAccountFoundByTheCallersNumberToTheAgent() throws Exception {
    services.answer(LookupService.ACCOUNT_BY_CALLER, "+21620123456", Map.of("account", "7992739871"));
    ScriptedCall call = ScriptedCall.of("+21620123456", "1");
    CallOutcome outcome = run(call);
    assertThat(outcome.route()).isEqualTo("queue:billing");
    assertThat(call.variables()).containsEntry("RELAIS_ACCOUNT", "7992739871").containsEntry("RELAIS_ROUTE",
        "queue:billing");
  }

  @Test
  void shouldGoToNotFoundWhenTheCallerIsUnknownOrWithheld() throws Exception {
    assertThat(run(ScriptedCall.of("+21620000000", "1")).route()).isEqualTo("queue:operator");
    assertThat(run(ScriptedCall.of("", "1")).route()).isEqualTo("queue:operator");
  }

  @Test
  void shouldBranchOnTheStatusOfTheCaseFound() throws Exception {
    services.answer(LookupService.CASE_STATUS, "40213378", Map.of("case_status", "resolved"));
    CallOutcome outcome = run(ScriptedCall.of("", "2", "40213378#"));
    assertThat(outcome.route()).isEqualTo("hangup");
    assertThat(outcome.lastNode()).isEqualTo("bye");
  }

  @Test
  void shouldGoToFailedWhenTheServiceFailsAndStopOtherwise() throws Exception {
    services.broken = true;
    ScriptedCall call = ScriptedCall.of("", "2", "40213378#");
    assertThat(run(call).route()).isEqualTo("queue:operator");
    assertThat(call.played()).contains("sorry/fr");
    CallOutcome noFailedTarget = run(ScriptedCall.of("+21620123456", "1"));
    assertThat(noFailedTarget.ending()).isEqualTo(Ending.FAILED);
    assertThat(noFailedTarget.route()).isEqualTo("queue:operator");
  }

  @Test
  void shouldOpenACaseWithTheRecordingAndReadItsTrackingNumberBack() throws Exception {
    ScriptedCall call = ScriptedCall.of("+21620123456", "3", "30");
    CallOutcome outcome = run(call);
    assertThat(outcome.ending()).isEqualTo(Ending.COMPLETED);
    assertThat(services.cases).singleElement().satisfies(c -> {
      assertThat(c.category()).isEqualTo("water");
      assertThat(c.description()).isEqualTo("Voice complaint from +21620123456");
      assertThat(c.recording()).isEqualTo("/var/spool/asterisk/relais/1795343783.2-complaint-1");
      assertThat(c.callId()).isEqualTo("1795343783.2");
      assertThat(c.node()).isEqualTo("open_case");
      assertThat(c.language()).isEqualTo("fr");
    });
    assertThat(call.played()).containsSubsequence("registered/fr", "digit-4/fr", "digit-0/fr", "digit-7/fr");
  }

  @Test
  void shouldOfferACallbackWhenTheWaitIsLong() throws Exception {
    services.waits.put("billing", Duration.ofMinutes(7));
    ScriptedCall call = ScriptedCall.of("+21620123456", "4", "1");
    CallOutcome outcome = run(call);
    assertThat(outcome.lastNode()).isEqualTo("called_back");
    assertThat(services.callbacks).singleElement().satisfies(c -> {
      assertThat(c.queue()).isEqualTo("billing");
      assertThat(c.caller()).isEqualTo("+21620123456");
      assertThat(c.hours()).isEqualTo("hotline");
      assertThat(c.topic()).isEqualTo("billing ");
    });
  }

  @Test
  void shouldRouteAtOnceWhenTheWaitIsShortOrUnknown() throws Exception {
    assertThat(run(ScriptedCall.of("+21620123456", "4")).route()).isEqualTo("queue:billing");
    services.waits.put("billing", Duration.ofSeconds(30));
    assertThat(run(ScriptedCall.of("+21620123456", "4")).route()).isEqualTo("queue:billing");
  }

  @Test
  void shouldNotRegisterACallbackForAWithheldNumber() throws Exception {
    services.waits.put("billing", Duration.ofMinutes(7));
    CallOutcome outcome = run(ScriptedCall.of("", "4", "1"));
    assertThat(outcome.route()).isEqualTo("queue:billing");
    assertThat(services.callbacks).isEmpty();
  }
}
