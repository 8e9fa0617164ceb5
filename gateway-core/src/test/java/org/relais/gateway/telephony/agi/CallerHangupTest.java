package org.relais.gateway.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.relais.gateway.config.AgiConfig;
import org.relais.gateway.config.ConfigLoader;
import org.relais.gateway.metrics.Metrics;
import org.relais.gateway.telephony.CallLog;
import org.relais.gateway.telephony.IvrSetup;
import org.relais.ivr.engine.CallOutcome;
import org.relais.ivr.engine.CallbackRequest;
import org.relais.ivr.engine.CaseRequest;
import org.relais.ivr.engine.FlowEngine;
import org.relais.ivr.engine.FlowServices;
import org.relais.ivr.engine.LookupResult;
import org.relais.ivr.flow.Flow;
import org.relais.ivr.flow.FlowLoader;
import org.relais.ivr.flow.LookupService;

/**
 * A caller who hangs up ends the flow at once, wherever the flow is: during a prompt (as captured
 * from a real Asterisk), during a look-up, or just before a route. The call is logged ABANDONED at
 * the node it was at, and nothing is sent to Asterisk after its HANGUP line.
 */
@Timeout(30)
class CallerHangupTest {

  private static final String QUICK = """
      languages: [fr]
      start: ask
      nodes:
        ask: {type: menu, prompt: main-menu, options: {"1": find, "2": out}, fallback: out}
        find: {type: lookup, service: account_by_caller, found: out, not_found: out}
        out: {type: route, queue: billing}
      """;

  private Vertx vertx;
  private AgiServer server;
  private final CompletableFuture<CallLog.CallRecord> logged = new CompletableFuture<>();
  /** The look-up in progress: completed by the test, on the call's context. */
  private final CompletableFuture<Context> lookupAsked = new CompletableFuture<>();
  private final CompletableFuture<LookupResult> lookup = new CompletableFuture<>();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    IvrSetup ivr = IvrSetup.load(ConfigLoader.embedded(Map.of()));
    Map<String, Flow> flows = new HashMap<>(ivr.flows());
    flows.put("quick", new FlowLoader(ivr.prompts(), ivr.hours().keySet())
        .parse("quick.yaml", new ObjectMapper(new YAMLFactory()).readTree(QUICK)));
    Clock wednesdayMorning = Clock.fixed(Instant.parse("2026-03-18T10:00:00Z"), ZoneOffset.UTC);
    AgiConfig config = new AgiConfig(null, 0, null, null, Duration.ofSeconds(5), null, 1024, null, null, null, null, null);
    FlowEngine engine = new FlowEngine(ivr.prompts(), new HeldLookup(), ivr.hours(), wednesdayMorning,
        config.operatorRoute());
    CallLog log = call -> {
      logged.complete(call);
      return Future.succeededFuture();
    };
    server = new AgiServer(config, flows, engine, log, new Metrics(), new AtomicInteger());
    vertx.deployVerticle(server).await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private CallOutcome outcome() throws Exception {
    return logged.get(10, TimeUnit.SECONDS).outcome();
  }

  @Test
  void shouldLogAbandonedAtThePromptWhenTheCallerHangsUpDuringIt() throws Exception {
    AgiTranscript.Session captured = AgiTranscript.load("agi-hangup-midway.txt").sessions().getFirst();
    int streamFile = 1;
    assertThat(captured.commands().get(streamFile)).startsWith("STREAM FILE");
    List<String> cutShort = captured.answerTo(streamFile);
    assertThat(cutShort).containsExactly("200 result=-1 endpos=24160");

    try (FakeAsterisk asterisk = new FakeAsterisk(server.actualPort(), false)) {
      asterisk.send(captured.environment());
      assertThat(asterisk.readCommand()).isEqualTo("GET DATA \"relais/fr/choose-language\" 5000 1");
      asterisk.send("200 result=1");
      assertThat(asterisk.readCommand()).isEqualTo("STREAM FILE \"relais/fr/welcome\" \"\"");
      asterisk.send(cutShort);
      assertThat(asterisk.closedWithin(5000)).as("no command after the cut-short prompt").isTrue();
    }
    CallOutcome outcome = outcome();
    assertThat(outcome.ending()).isEqualTo(CallOutcome.Ending.ABANDONED);
    assertThat(outcome.lastNode()).isEqualTo("welcome");
  }

  @Test
  void shouldStillPlayOnWhenASoundIsMissingAndTheCallerIsThere() throws Exception {
    try (FakeAsterisk asterisk = new FakeAsterisk(server.actualPort(), false)) {
      asterisk.send(FakeAsterisk.environment("hotline", "0612345678"));
      assertThat(asterisk.readCommand()).isEqualTo("GET DATA \"relais/fr/choose-language\" 5000 1");
      asterisk.send("200 result=1");
      assertThat(asterisk.readCommand()).isEqualTo("STREAM FILE \"relais/fr/welcome\" \"\"");
      asterisk.send("200 result=-1 endpos=0");
      assertThat(asterisk.readCommand()).as("missing sound or hangup? asked").isEqualTo("CHANNEL STATUS");
      asterisk.send("200 result=6");
      assertThat(asterisk.readCommand()).isEqualTo("GET DATA \"relais/fr/main-menu\" 5000 1");
      asterisk.send("200 result=2");
      lookupAsked.get(5, TimeUnit.SECONDS);
      asterisk.send("HANGUP");
      assertThat(asterisk.closedWithin(5000)).isTrue();
    }
  }

  @Test
  void shouldTakeAMissingSoundForAHangupWhenTheChannelIsGone() throws Exception {
    try (FakeAsterisk asterisk = new FakeAsterisk(server.actualPort(), false)) {
      asterisk.send(FakeAsterisk.environment("hotline", "0612345678"));
      asterisk.readCommand();
      asterisk.send("200 result=1");
      assertThat(asterisk.readCommand()).isEqualTo("STREAM FILE \"relais/fr/welcome\" \"\"");
      asterisk.send("200 result=-1 endpos=0");
      assertThat(asterisk.readCommand()).isEqualTo("CHANNEL STATUS");
      asterisk.send("HANGUP", "511 Command Not Permitted on a dead channel or intercept routine");
      assertThat(asterisk.closedWithin(5000)).isTrue();
    }
    assertThat(outcome().ending()).isEqualTo(CallOutcome.Ending.ABANDONED);
    assertThat(outcome().lastNode()).isEqualTo("welcome");
  }

  @Test
  void shouldCloseAtOnceAndLogAbandonedWhenTheCallerHangsUpDuringALookup() throws Exception {
    try (FakeAsterisk asterisk = new FakeAsterisk(server.actualPort(), false)) {
      asterisk.send(FakeAsterisk.environment("hotline", "0612345678"));
      asterisk.readCommand();
      asterisk.send("200 result=1");
      asterisk.readCommand();
      asterisk.send("200 result=0 endpos=12000");
      assertThat(asterisk.readCommand()).isEqualTo("GET DATA \"relais/fr/main-menu\" 5000 1");
      asterisk.send("200 result=2");
      Context context = lookupAsked.get(5, TimeUnit.SECONDS);
      asterisk.send("HANGUP");
      assertThat(asterisk.closedWithin(5000)).as("closed while the look-up still runs").isTrue();
      context.runOnContext(v -> lookup.complete(new LookupResult.Found(Map.of("account", "40213378"))));
    }
    CallOutcome outcome = outcome();
    assertThat(outcome.ending()).isEqualTo(CallOutcome.Ending.ABANDONED);
    assertThat(outcome.lastNode()).isEqualTo("billing");
    assertThat(outcome.path()).doesNotContain("billing_found");
  }

  @Test
  void shouldLogAbandonedWhenTheCallerHangsUpBeforeARouteWithoutPrompt() throws Exception {
    try (FakeAsterisk asterisk = new FakeAsterisk(server.actualPort(), false)) {
      asterisk.send(FakeAsterisk.environment("quick", "0612345678"));
      assertThat(asterisk.readCommand()).isEqualTo("GET DATA \"relais/fr/main-menu\" 5000 1");
      asterisk.send("200 result=1");
      Context context = lookupAsked.get(5, TimeUnit.SECONDS);
      asterisk.send("HANGUP");
      assertThat(asterisk.closedWithin(5000)).as("no SET VARIABLE for the route").isTrue();
      context.runOnContext(v -> lookup.complete(new LookupResult.NotFound()));
    }
    CallOutcome outcome = outcome();
    assertThat(outcome.ending()).isEqualTo(CallOutcome.Ending.ABANDONED);
    assertThat(outcome.route()).isNull();
    assertThat(outcome.path()).containsExactly("ask", "find");
  }

  @Test
  void shouldLogAbandonedWhenTheHangupLineComesBeforeTheRoutesReply() throws Exception {
    try (FakeAsterisk asterisk = new FakeAsterisk(server.actualPort(), false)) {
      asterisk.send(FakeAsterisk.environment("quick", "0612345678"));
      asterisk.readCommand();
      asterisk.send("200 result=2");
      assertThat(asterisk.readCommand()).isEqualTo("SET VARIABLE \"RELAIS_ROUTE\" \"queue:billing\"");
      asterisk.send("HANGUP", "200 result=1");
      assertThat(asterisk.closedWithin(5000)).isTrue();
    }
    CallOutcome outcome = outcome();
    assertThat(outcome.ending()).as("Asterisk answers 200 on a dead channel").isEqualTo(CallOutcome.Ending.ABANDONED);
    assertThat(outcome.lastNode()).isEqualTo("out");
  }

  /** Services that find nothing, except a look-up that waits for the test. */
  private final class HeldLookup implements FlowServices {
    private final FlowServices none = FlowServices.none();

    @Override
    public CompletionStage<Optional<String>> knownLanguage(String caller) {
      return none.knownLanguage(caller);
    }

    @Override
    public CompletionStage<Void> rememberLanguage(String caller, String language) {
      return none.rememberLanguage(caller, language);
    }

    @Override
    public CompletionStage<LookupResult> lookup(LookupService service, String key) {
      lookupAsked.complete(Vertx.currentContext());
      return lookup;
    }

    @Override
    public CompletionStage<String> openCase(CaseRequest request) {
      return none.openCase(request);
    }

    @Override
    public CompletionStage<String> registerCallback(CallbackRequest request) {
      return none.registerCallback(request);
    }

    @Override
    public CompletionStage<Optional<Duration>> expectedWait(String queue) {
      return none.expectedWait(queue);
    }
  }
}
