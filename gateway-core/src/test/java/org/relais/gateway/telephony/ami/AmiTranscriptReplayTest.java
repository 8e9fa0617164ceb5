package org.relais.gateway.telephony.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.relais.gateway.config.AmiConfig;

/**
 * Replays the AMI captures of a real Asterisk 23 over a socket: the client sends the actions the
 * captured client sent, the server answers what Asterisk answered (with the client's ActionIDs),
 * and the client must read what Asterisk meant.
 */
@Timeout(30)
class AmiTranscriptReplayTest {

  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  static AmiConfig config(int port, String secret, Duration reconnect) {
    return new AmiConfig(true, "127.0.0.1", port, "relais", secret, reconnect, reconnect.multipliedBy(4),
        Duration.ofMinutes(10), Duration.ofSeconds(5), Duration.ZERO);
  }

  private AmiClient connect(AmiConfig config) throws Exception {
    AmiClient client = new AmiClient(config);
    vertx.deployVerticle(client).await(10, TimeUnit.SECONDS);
    return client;
  }

  static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
    long end = System.currentTimeMillis() + 10_000;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > end) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(10);
    }
  }

  private static <T> T get(Future<T> f) throws Exception {
    return f.await(10, TimeUnit.SECONDS);
  }

  @Test
  void shouldLogInPingOriginateAndReadQueueListsAsCaptured() throws Exception {
    AmiTranscript capture = AmiTranscript.load("ami-login-and-originate.txt");
    AmiTranscript.Connection captured = capture.connections().get(1);
    List<AmiTranscript.Row> rows = new java.util.ArrayList<>(captured.rows());
    int afterPong = rows.indexOf(new AmiTranscript.Row(true, "Ping: Pong")) + 3;
    assertThat(rows.get(afterPong - 1)).isEqualTo(new AmiTranscript.Row(true, ""));
    rows.addAll(afterPong, List.of(new AmiTranscript.Row(true, "Response: Success"),
        new AmiTranscript.Row(true, "ActionID: nobody-asked-1"), new AmiTranscript.Row(true, "Message: late"),
        new AmiTranscript.Row(true, "")));
    AmiTranscript.Connection withStray = new AmiTranscript.Connection(captured.title(), rows, captured.closedByAsterisk());
    try (AmiReplayServer asterisk = new AmiReplayServer(List.of(withStray))) {
      AmiClient client = new AmiClient(config(asterisk.port(), "relais-test", Duration.ofMillis(200)));
      List<AmiPacket> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
      client.onEvent(seen::add);
      vertx.deployVerticle(client).await(10, TimeUnit.SECONDS);
      await("login", () -> client.state() == AmiClient.State.CONNECTED);

      AmiReply pong = get(client.send(AmiAction.of("Ping")));
      assertThat(pong.response().get("Ping")).isEqualTo("Pong");

      OriginateRequest call = OriginateRequest.of("Local/1#@test-caller", "relais-ivr", "s", Duration.ofSeconds(30),
          "relais-cb-1").withCallerId("\"Citizen\" <0612345678>")
          .withVariables(Map.of("RELAIS_SCENARIO", "queue-billing"));
      OriginateResult result = get(client.originate(call));
      assertThat(result.outcome()).isEqualTo(OriginateOutcome.ANSWERED);
      assertThat(result.detail()).isEqualTo("Reason 4");

      QueueSummary billing = get(client.queueSummary("billing")).orElseThrow();
      assertThat(billing).isEqualTo(new QueueSummary("billing", 1, 0, 1, 0, 0, 0));

      AmiReply status = get(client.sendList(AmiAction.of("QueueStatus").with("Queue", "billing")));
      assertThat(status.items()).extracting(AmiPacket::event).containsExactly("QueueParams", "QueueMember", "QueueEntry");
      AmiReply channels = get(client.sendList(AmiAction.of("CoreShowChannels")));
      assertThat(channels.items()).hasSize(4).allSatisfy(p -> assertThat(p.event()).isEqualTo("CoreShowChannel"));

      await("the call's hangup", () -> seen.stream().anyMatch(p -> "Hangup".equals(p.event())));
      assertThat(seen).extracting(AmiPacket::event).contains("FullyBooted", "SuccessfulAuth", "Newchannel", "Newstate",
          "DialBegin", "DTMFBegin", "DTMFEnd", "AGIExecStart", "QueueCallerJoin", "AgentConnect", "OriginateResponse",
          "HangupRequest", "Hangup").doesNotContain("QueueSummary", "QueueParams", "CoreShowChannel");
      assertThat(seen).filteredOn(p -> "Hangup".equals(p.event())).allSatisfy(p -> assertThat(p.get("Cause-txt")).isNotEmpty());
      assertThat(seen).filteredOn(AmiPacket::isResponse).as("a response no action waits for is handed over")
          .singleElement().satisfies(p -> {
            assertThat(p.actionId()).isEqualTo("nobody-asked-1");
            assertThat(p.get("Message")).isEqualTo("late");
          });

      vertx.undeploy(vertx.deploymentIDs().iterator().next()).await(10, TimeUnit.SECONDS);
      await("logoff", () -> asterisk.actionsSeen().size() == 7);
      assertThat(asterisk.faults()).isEmpty();
      assertThat(asterisk.actionsSeen()).extracting(s -> s.split(" ")[0])
          .containsExactly("Login", "Ping", "Originate", "QueueSummary", "QueueStatus", "CoreShowChannels", "Logoff");
    }
  }

  @Test
  void shouldMapEveryCapturedOriginateFailure() throws Exception {
    AmiTranscript capture = AmiTranscript.load("ami-originate-failure.txt");
    try (AmiReplayServer asterisk = new AmiReplayServer(capture.connections())) {
      AmiClient client = connect(config(asterisk.port(), "relais-test", Duration.ofMillis(200)));
      await("login", () -> client.state() == AmiClient.State.CONNECTED);
      OriginateResult a = get(client.originate(call("Local/123@relais-no-such-context", "A")));
      assertThat(a.outcome()).as("no such context: Reason 0").isEqualTo(OriginateOutcome.FAILED);
      OriginateResult b = get(client.originate(call("Local/123@relais-no-such-context", "B")));
      assertThat(b.outcome()).isEqualTo(OriginateOutcome.FAILED);
      assertThat(b.detail()).as("a synchronous refusal").contains("Originate failed");
      OriginateResult c = get(client.originate(call("Local/silent@test-caller", "C")));
      assertThat(c.outcome()).isEqualTo(OriginateOutcome.FAILED);
      assertThat(c.detail()).contains("Extension does not exist.");
      OriginateResult d = get(client.originate(call("NoSuchTech/123", "D")));
      assertThat(d.outcome()).isEqualTo(OriginateOutcome.FAILED);
      assertThat(d.detail()).isEqualTo("Reason 0");
      OriginateResult e = get(client.originate(call("Local/ring@test-noanswer", "E")));
      assertThat(e.outcome()).as("rang until the timeout: Reason 3").isEqualTo(OriginateOutcome.NO_ANSWER);
      assertThat(asterisk.faults()).isEmpty();
    }
  }

  private static OriginateRequest call(String channel, String id) {
    return OriginateRequest.of(channel, "relais-ivr", "s", Duration.ofSeconds(3), "relais-cb-" + id);
  }

  @Test
  void shouldReportARefusedLoginAndTryAgainLater() throws Exception {
    AmiTranscript capture = AmiTranscript.load("ami-login-and-originate.txt");
    try (AmiReplayServer asterisk = new AmiReplayServer(List.of(capture.connections().get(0)))) {
      AmiClient client = connect(config(asterisk.port(), "wrong-password", Duration.ofMillis(100)));
      await("the refusal", () -> client.state() == AmiClient.State.LOGIN_REFUSED);
      assertThat(client.lastError()).isEqualTo("Asterisk refused Login: Authentication failed")
          .doesNotContain("wrong-password");
      await("a second attempt", () -> asterisk.connections() >= 2);
      assertThat(asterisk.faults()).isEmpty();
      assertThatThrownBy(() -> get(client.send(AmiAction.of("Ping"))))
          .isInstanceOf(AmiException.class).hasMessageContaining("not connected");
    }
  }
}
