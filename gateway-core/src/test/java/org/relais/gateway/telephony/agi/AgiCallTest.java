package org.relais.gateway.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.relais.gateway.config.AgiConfig;
import org.relais.ivr.engine.CallerHungUp;
import org.relais.ivr.engine.Collect;
import org.relais.ivr.engine.Input;
import org.relais.ivr.engine.RecordRequest;
import org.relais.ivr.engine.Recording;
import org.relais.ivr.flow.Prompt;

/** What the Call port sends Asterisk for each operation, and how it reads the replies, over a socket. */
@Timeout(30)
class AgiCallTest {

  private static final Prompt ASK = new Prompt("ask", "fr", "relais/fr/ask", "Tapez votre numéro");

  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  /** Runs {@code operation} on the call of the next connection and hands its outcome to {@code result}. */
  private FakeAsterisk connect(AgiConfig config, Function<AgiCall, CompletionStage<?>> operation,
      CompletableFuture<Object> result) throws Exception {
    AgiHandler handler = (AgiSession session, AgiEnvironment env, Context context) -> {
      AgiCall call = new AgiCall(session, env, config);
      return Future.fromCompletionStage(operation.apply(call), context).onComplete(ar -> {
        if (ar.succeeded()) {
          result.complete(ar.result());
        } else {
          result.completeExceptionally(ar.cause());
        }
      });
    };
    AgiServer server = new AgiServer(config, handler, new AtomicInteger());
    vertx.deployVerticle(server).await(10, TimeUnit.SECONDS);
    FakeAsterisk asterisk = new FakeAsterisk(server.actualPort(), false);
    asterisk.send(FakeAsterisk.environment("hotline", "0612345678"));
    return asterisk;
  }

  private static AgiConfig config(String tts) {
    return new AgiConfig(null, 0, null, null, Duration.ofSeconds(5), null, null, null, null, null, null, tts);
  }

  private Object run(Function<AgiCall, CompletionStage<?>> operation, String... exchange) throws Exception {
    return run(config(""), operation, exchange);
  }

  private Object run(AgiConfig config, Function<AgiCall, CompletionStage<?>> operation, String... exchange)
      throws Exception {
    CompletableFuture<Object> result = new CompletableFuture<>();
    try (FakeAsterisk asterisk = connect(config, operation, result)) {
      for (int i = 0; i < exchange.length; i += 2) {
        assertThat(asterisk.readCommand()).isEqualTo(exchange[i]);
        asterisk.send(exchange[i + 1].split("\\|"));
      }
      assertThat(asterisk.closedWithin(5000)).isTrue();
    }
    try {
      return result.get(5, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    }
  }

  @Test
  void shouldReadAllKeysWithOneGetDataWhenAsterisksRulesFit() throws Exception {
    Collect eight = new Collect(8, Duration.ofSeconds(6), Duration.ofSeconds(6), "#");
    assertThat(run(c -> c.read(ASK, eight), "GET DATA \"relais/fr/ask\" 6000 8", "200 result=40213378"))
        .isEqualTo(new Input("40213378", Input.Stop.MAX_DIGITS));
    assertThat(run(c -> c.read(ASK, eight), "GET DATA \"relais/fr/ask\" 6000 8", "200 result=4021 (timeout)"))
        .isEqualTo(new Input("4021", Input.Stop.TIMEOUT));
    assertThat(run(c -> c.read(ASK, Collect.oneKey(Duration.ofSeconds(5))), "GET DATA \"relais/fr/ask\" 5000 1",
        "200 result=")).as("# alone").isEqualTo(new Input("", Input.Stop.TERMINATOR));
    assertThat(run(c -> c.read(ASK, eight), "GET DATA \"relais/fr/ask\" 6000 8", "200 result=-1|HANGUP"))
        .isInstanceOf(CallerHungUp.class);
  }

  @Test
  void shouldReadKeyByKeyWhenTheFirstKeyHasItsOwnTimeout() throws Exception {
    Collect four = new Collect(4, Duration.ofSeconds(6), Duration.ofSeconds(2), "#");
    assertThat(run(c -> c.read(ASK, four),
        "STREAM FILE \"relais/fr/ask\" \"0123456789*#\"", "200 result=0 endpos=8000",
        "WAIT FOR DIGIT 6000", "200 result=49",
        "WAIT FOR DIGIT 2000", "200 result=50",
        "WAIT FOR DIGIT 2000", "200 result=35")).isEqualTo(new Input("12", Input.Stop.TERMINATOR));
    assertThat(run(c -> c.read(ASK, four),
        "STREAM FILE \"relais/fr/ask\" \"0123456789*#\"", "200 result=55 endpos=1200",
        "WAIT FOR DIGIT 2000", "200 result=0")).as("a key pressed during the prompt")
        .isEqualTo(new Input("7", Input.Stop.TIMEOUT));
    assertThat(run(c -> c.read(ASK, four),
        "STREAM FILE \"relais/fr/ask\" \"0123456789*#\"", "200 result=0 endpos=8000",
        "WAIT FOR DIGIT 6000", "200 result=-1|HANGUP")).isInstanceOf(CallerHungUp.class);
  }

  @Test
  void shouldRecordAfterABeepAndMeasureWhatWasSaid() throws Exception {
    RecordRequest request = new RecordRequest("complaint", Duration.ofMinutes(2), Duration.ofSeconds(5), true);
    String command = "RECORD FILE \"/var/spool/asterisk/relais/1795343783.2-complaint-1\" \"wav\" \"#\" 120000 0 BEEP s=5";
    assertThat(run(c -> c.record(request), command, "200 result=35 (dtmf) endpos=22880"))
        .isEqualTo(new Recording("/var/spool/asterisk/relais/1795343783.2-complaint-1", Duration.ofMillis(2860)));
    assertThat(run(c -> c.record(request), command, "200 result=-1 (hangup) endpos=0"))
        .isInstanceOf(CallerHungUp.class);
  }

  @Test
  void shouldHangUpAndTakeA511AsDone() throws Exception {
    assertThat(run(c -> c.hangup(), "HANGUP", "200 result=1|HANGUP")).isNull();
    assertThat(run(c -> c.hangup(), "HANGUP",
        "511 Command Not Permitted on a dead channel or intercept routine")).isNull();
  }

  @Test
  void shouldSpeakATextPromptWithTheTtsApplicationOnOneLine() throws Exception {
    Prompt tts = new Prompt("notice", "fr", "relais/fr/notice", "Coupure \"rue\"\nde Marseille", true);
    CompletableFuture<Object> result = new CompletableFuture<>();
    try (FakeAsterisk asterisk = connect(config("Flite"), c -> c.play(tts, ""), result)) {
      assertThat(asterisk.readCommand()).isEqualTo("EXEC \"Flite\" \"Coupure \\\"rue\\\"de Marseille\"");
      asterisk.send("200 result=0");
      assertThat(asterisk.closedWithin(5000)).isTrue();
    }
    assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo(java.util.Optional.empty());
  }

  @Test
  void shouldReadKeysKeyByKeyAfterATextToSpeechPrompt() throws Exception {
    Prompt tts = new Prompt("account-ask", "fr", "relais/fr/account-ask", "Tapez votre numéro client", true);
    Collect six = new Collect(6, Duration.ofSeconds(6), Duration.ofSeconds(6), "#");
    String exec = "EXEC \"Flite\" \"Tapez votre numéro client\"";
    assertThat(run(config("Flite"), c -> c.read(tts, six),
        exec, "200 result=0",
        "WAIT FOR DIGIT 6000", "200 result=52",
        "WAIT FOR DIGIT 6000", "200 result=50",
        "WAIT FOR DIGIT 6000", "200 result=35")).as("GET DATA cannot speak a text: keys one by one")
        .isEqualTo(new Input("42", Input.Stop.TERMINATOR));
    assertThat(run(config("Flite"), c -> c.read(tts, six),
        exec, "200 result=0",
        "WAIT FOR DIGIT 6000", "200 result=0")).isEqualTo(new Input("", Input.Stop.TIMEOUT));
    assertThat(run(config("Flite"), c -> c.read(tts, six),
        exec, "200 result=-1",
        "CHANNEL STATUS", "511 Command Not Permitted on a dead channel or intercept routine"))
        .as("the application failed because the caller hung up").isInstanceOf(CallerHungUp.class);
    assertThat(run(config("Flite"), c -> c.read(tts, six),
        exec, "200 result=-2",
        "WAIT FOR DIGIT 6000", "200 result=49",
        "WAIT FOR DIGIT 6000", "200 result=35")).as("a missing application: keys are still read")
        .isEqualTo(new Input("1", Input.Stop.TERMINATOR));
  }

  @Test
  void shouldTellAMissingSoundFromAHangupByTheChannelStatus() throws Exception {
    String stream = "STREAM FILE \"relais/fr/ask\" \"\"";
    assertThat(run(c -> c.play(ASK, ""), stream, "200 result=-1 endpos=24160"))
        .as("cut while playing").isInstanceOf(CallerHungUp.class);
    assertThat(run(c -> c.play(ASK, ""), stream, "200 result=-1 endpos=0", "CHANNEL STATUS", "200 result=6"))
        .as("missing: the flow goes on").isEqualTo(java.util.Optional.empty());
    assertThat(run(c -> c.play(ASK, ""), stream, "200 result=-1 endpos=0",
        "CHANNEL STATUS", "511 Command Not Permitted on a dead channel or intercept routine"))
        .isInstanceOf(CallerHungUp.class);
  }
}
