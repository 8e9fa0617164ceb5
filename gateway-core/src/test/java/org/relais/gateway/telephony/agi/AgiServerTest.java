package org.relais.gateway.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
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
import org.relais.ivr.engine.FlowEngine;
import org.relais.ivr.engine.FlowServices;

/** The FastAGI server running the shipped flows over a socket, and what it does with bad input. */
@Timeout(30)
class AgiServerTest {

  private Vertx vertx;
  private Metrics metrics;
  private AgiServer server;
  private final AtomicInteger active = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    metrics = new Metrics();
    deploy(new AgiConfig(null, 0, null, null, Duration.ofSeconds(2), null, 1024, null, null, null, null, null));
  }

  private void deploy(AgiConfig config) throws Exception {
    IvrSetup ivr = IvrSetup.load(ConfigLoader.embedded(Map.of()));
    Clock wednesdayMorning = Clock.fixed(Instant.parse("2026-03-18T10:00:00Z"), ZoneOffset.UTC);
    FlowEngine engine = new FlowEngine(ivr.prompts(), FlowServices.none(), ivr.hours(), wednesdayMorning,
        config.operatorRoute());
    server = new AgiServer(config, ivr.flows(), engine, CallLog.none(), metrics, active);
    vertx.deployVerticle(server).await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private FakeAsterisk call(String script) throws Exception {
    FakeAsterisk asterisk = new FakeAsterisk(server.actualPort(), false);
    asterisk.send(FakeAsterisk.environment(script, "0612345678"));
    return asterisk;
  }

  private long calls(String flow, String ending) {
    return metrics.counter("relais_ivr_calls_total", "", "flow", "ending").get(flow, ending);
  }

  private void awaitCalls(String flow, String ending, long n) throws InterruptedException {
    long end = System.currentTimeMillis() + 5000;
    while (calls(flow, ending) < n && System.currentTimeMillis() < end) {
      Thread.sleep(10);
    }
    assertThat(calls(flow, ending)).isEqualTo(n);
  }

  @Test
  void shouldRunTheHotlineAndHandTheRouteBackToTheDialplan() throws Exception {
    try (FakeAsterisk asterisk = call("hotline")) {
      assertThat(asterisk.readCommand()).isEqualTo("GET DATA \"relais/fr/choose-language\" 5000 1");
      asterisk.send("200 result=2");
      assertThat(asterisk.readCommand()).isEqualTo("STREAM FILE \"relais/ar/welcome\" \"\"");
      asterisk.send("200 result=0 endpos=12000");
      assertThat(asterisk.readCommand()).isEqualTo("GET DATA \"relais/ar/main-menu\" 5000 1");
      asterisk.send("100 Trying...", "200 result=1");
      assertThat(asterisk.readCommand()).isEqualTo("GET DATA \"relais/ar/outages-menu\" 5000 1");
      asterisk.send("200 result=1");
      assertThat(asterisk.readCommand()).isEqualTo("STREAM FILE \"relais/ar/transfer-emergency\" \"\"");
      asterisk.send("200 result=0 endpos=9000");
      assertThat(asterisk.readCommand()).isEqualTo("SET VARIABLE \"RELAIS_ROUTE\" \"queue:emergency\"");
      asterisk.send("200 result=1");
      assertThat(asterisk.closedWithin(5000)).as("Relais closes the AGI; Asterisk would not").isTrue();
    }
    awaitCalls("hotline", "routed", 1);
  }

  @Test
  void shouldRouteAnUnknownFlowToTheOperatorQueue() throws Exception {
    try (FakeAsterisk asterisk = call("no-such-flow")) {
      assertThat(asterisk.readCommand()).isEqualTo("SET VARIABLE \"RELAIS_ROUTE\" \"queue:operator\"");
      asterisk.send("200 result=1");
      assertThat(asterisk.closedWithin(5000)).isTrue();
    }
    awaitCalls("unknown", "failed", 1);
  }

  @Test
  void shouldEndTheFlowAtOnceWhenTheCallerHangsUpMidCommand() throws Exception {
    try (FakeAsterisk asterisk = call("hotline")) {
      asterisk.readCommand();
      asterisk.send("200 result=-1", "HANGUP");
      assertThat(asterisk.closedWithin(5000)).as("no further command after the hangup").isTrue();
    }
    awaitCalls("hotline", "abandoned", 1);
  }

  @Test
  void shouldEndTheFlowWhenAsteriskClosesTheConnection() throws Exception {
    FakeAsterisk asterisk = call("hotline");
    asterisk.readCommand();
    asterisk.send("HANGUP", "HANGUP");
    asterisk.hangUpSocket();
    awaitCalls("hotline", "abandoned", 1);
    long end = System.currentTimeMillis() + 5000;
    while (active.get() > 0 && System.currentTimeMillis() < end) {
      Thread.sleep(10);
    }
    assertThat(active.get()).isZero();
  }

  @Test
  void shouldCloseOnlyTheCallThatSendsGarbage() throws Exception {
    try (FakeAsterisk good = call("hotline"); FakeAsterisk bad = call("hotline")) {
      good.readCommand();
      bad.readCommand();
      bad.send("this is not an AGI reply");
      assertThat(bad.closedWithin(5000)).isTrue();
      good.send("200 result=1");
      assertThat(good.readCommand()).startsWith("STREAM FILE \"relais/fr/welcome\"");
    }
  }

  @Test
  void shouldCloseACallThatSendsGarbageInsteadOfItsEnvironment() throws Exception {
    try (FakeAsterisk asterisk = new FakeAsterisk(server.actualPort(), false)) {
      asterisk.write("GET / HTTP/1.1\r\nHost: relais\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(asterisk.closedWithin(5000)).isTrue();
    }
  }

  @Test
  void shouldCloseACallThatSendsAnOversizedLine() throws Exception {
    try (FakeAsterisk asterisk = call("hotline")) {
      asterisk.readCommand();
      asterisk.write(("200 result=" + "1".repeat(5000) + "\n").getBytes(StandardCharsets.US_ASCII));
      assertThat(asterisk.closedWithin(5000)).isTrue();
    }
  }

  @Test
  void shouldCloseACallWhoseCommandGetsNoReply() throws Exception {
    try (FakeAsterisk asterisk = call("hotline")) {
      asterisk.readCommand();
      assertThat(asterisk.closedWithin(6000)).as("agi.command_timeout is 2 s here").isTrue();
    }
  }
}
