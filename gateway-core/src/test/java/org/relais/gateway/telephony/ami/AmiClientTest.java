package org.relais.gateway.telephony.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.relais.gateway.telephony.ami.AmiTranscriptReplayTest.await;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.relais.gateway.config.AmiConfig;

/** The AMI client against a fake Asterisk Manager: reconnection, keepalive, Originate outcomes, queue state. */
@Timeout(30)
class AmiClientTest {

  private Vertx vertx;
  private FakeAmi asterisk;

  @BeforeEach
  void start() throws IOException {
    vertx = Vertx.vertx();
    asterisk = new FakeAmi("s3cret");
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
    asterisk.close();
  }

  private AmiClient client(Duration keepalive, Duration actionTimeout) throws Exception {
    AmiConfig config = new AmiConfig(true, "127.0.0.1", asterisk.port(), "relais", "s3cret", Duration.ofMillis(50),
        Duration.ofMillis(400), keepalive, actionTimeout, Duration.ofSeconds(30));
    AmiClient client = new AmiClient(config);
    vertx.deployVerticle(client).await(10, TimeUnit.SECONDS);
    await("login", () -> client.state() == AmiClient.State.CONNECTED);
    return client;
  }

  private AmiClient client() throws Exception {
    return client(Duration.ofMinutes(10), Duration.ofSeconds(5));
  }

  @Test
  void shouldLogInAgainAfterAsteriskDropsTheConnection() throws Exception {
    AmiClient client = client();
    asterisk.dropAll();
    await("the drop", () -> client.state() != AmiClient.State.CONNECTED || asterisk.logins() >= 2);
    await("a new login", () -> asterisk.logins() >= 2 && client.state() == AmiClient.State.CONNECTED);
    assertThat(client.connections()).isEqualTo(2);
    assertThat(client.send(AmiAction.of("Ping")).await(5, TimeUnit.SECONDS).response().get("Ping")).isEqualTo("Pong");
  }

  @Test
  void shouldBackOffMoreAtEachFailureUpToTheMaximum() throws Exception {
    AmiClient client = client();
    assertThat(client.delay(0)).isEqualTo(50);
    assertThat(client.delay(1)).isEqualTo(100);
    assertThat(client.delay(2)).isEqualTo(200);
    assertThat(client.delay(3)).isEqualTo(400);
    assertThat(client.delay(9)).isEqualTo(400);
    assertThat(client.delay(64)).isEqualTo(400);
  }

  @Test
  void shouldKeepTheConnectionAliveWithPingsAndDropItWhenAsteriskStopsAnswering() throws Exception {
    AmiClient client = client(Duration.ofMillis(100), Duration.ofMillis(300));
    await("pings", () -> asterisk.pings() >= 3);
    asterisk.mute(true);
    await("the connection dropped", () -> client.state() != AmiClient.State.CONNECTED);
    asterisk.mute(false);
    await("a new login", () -> asterisk.logins() >= 2 && client.state() == AmiClient.State.CONNECTED);
  }

  @Test
  void shouldMapEachReasonOfTheOriginateResponse() throws Exception {
    AmiClient client = client();
    asterisk.reason("21620000005", 5).reason("21620000008", 8).reason("21620000003", 3).reason("21620000000", 0);
    asterisk.refuse("21620000009", "Extension does not exist.");
    assertThat(outcome(client, "+21620123456")).isEqualTo(OriginateOutcome.ANSWERED);
    assertThat(outcome(client, "+21620000005")).isEqualTo(OriginateOutcome.BUSY);
    assertThat(outcome(client, "+21620000008")).isEqualTo(OriginateOutcome.CONGESTION);
    assertThat(outcome(client, "+21620000003")).isEqualTo(OriginateOutcome.NO_ANSWER);
    assertThat(outcome(client, "+21620000000")).isEqualTo(OriginateOutcome.FAILED);
    assertThat(outcome(client, "+21620000009")).isEqualTo(OriginateOutcome.FAILED);
  }

  @Test
  void shouldSendOriginateAsyncWithOurActionIdChannelIdAndVariables() throws Exception {
    AmiClient client = client();
    OriginateRequest call = OriginateRequest.of("Local/+21620123456@relais-outbound", "relais-callback", "s",
        Duration.ofSeconds(30), "relais-cb-42").withCallerId("\"Hotline\" <3000>")
        .withVariables(Map.of("RELAIS_CALLBACK", "cb-42", "RELAIS_QUEUE", "billing\r\nAction: Hangup"));
    OriginateResult result = client.originate(call).await(5, TimeUnit.SECONDS);
    assertThat(result.channelId()).isEqualTo("relais-cb-42");
    Map<String, String> sent = asterisk.actions("Originate").getFirst();
    assertThat(sent).containsEntry("Async", "true").containsEntry("ChannelId", "relais-cb-42")
        .containsEntry("Timeout", "30000").containsEntry("Context", "relais-callback")
        .containsEntry("CallerID", "\"Hotline\" <3000>");
    assertThat(sent.get("ActionID")).startsWith("relais-");
    assertThat(sent.get("Variable")).as("a value cannot start a line of its own")
        .isEqualTo("RELAIS_QUEUE=billingAction: Hangup");
    assertThat(asterisk.actions("Hangup")).isEmpty();
  }

  @Test
  void shouldReadAQueuesStateOnceForManyCallersWithinTheCacheTime() throws Exception {
    AmiClient client = client();
    asterisk.queue("billing", 3, 0, 5, 40, 180);
    QueueSummary billing = client.queueSummary("billing").await(5, TimeUnit.SECONDS).orElseThrow();
    assertThat(billing).isEqualTo(new QueueSummary("billing", 3, 0, 5, 40, 180, 40));
    assertThat(billing.expectedWait()).as("180 s × 6 callers ÷ 3 agents").isEqualTo(Duration.ofSeconds(360));
    for (int i = 0; i < 20; i++) {
      client.queueSummary("billing").await(5, TimeUnit.SECONDS);
    }
    assertThat(asterisk.actions("QueueSummary")).hasSize(1);
    assertThat(client.queueSummary("nosuch").await(5, TimeUnit.SECONDS)).isEmpty();
  }

  @Test
  void shouldFailWhatWaitsWhenTheConnectionDrops() throws Exception {
    AmiClient client = client();
    asterisk.mute(true);
    var pending = client.send(AmiAction.of("Ping"));
    await("the ping is sent", () -> asterisk.pings() + asterisk.actions("Ping").size() >= 1);
    asterisk.dropAll();
    assertThatThrownBy(() -> pending.await(5, TimeUnit.SECONDS)).isInstanceOf(AmiException.class)
        .satisfies(e -> assertThat(((AmiException) e).retryable()).isTrue());
  }

  @Test
  void shouldDropAPeerThatIsNotAnAsteriskManager() throws Exception {
    try (ServerSocket http = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread t = new Thread(() -> {
        try (Socket s = http.accept()) {
          OutputStream out = s.getOutputStream();
          out.write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
          s.getInputStream().read();
        } catch (IOException e) {
          // closed by the client
        }
      });
      t.setDaemon(true);
      t.start();
      AmiConfig config = new AmiConfig(true, "127.0.0.1", http.getLocalPort(), "relais", "s3cret",
          Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofSeconds(5), Duration.ZERO);
      AmiClient client = new AmiClient(config);
      vertx.deployVerticle(client).await(10, TimeUnit.SECONDS);
      await("the refusal", () -> client.lastError() != null);
      assertThat(client.lastError()).contains("not an Asterisk Manager banner: HTTP/1.1 400 Bad Request");
      assertThat(client.state()).isEqualTo(AmiClient.State.DISCONNECTED);
    }
  }

  private static OriginateOutcome outcome(AmiClient client, String number) throws Exception {
    OriginateRequest call = OriginateRequest.of("Local/" + number + "@relais-outbound", "relais-callback", "s",
        Duration.ofSeconds(30), "relais-cb-" + number);
    return client.originate(call).await(5, TimeUnit.SECONDS).outcome();
  }
}
