package org.relais.gateway.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.relais.gateway.config.AgiConfig;
import org.relais.ivr.engine.CallerHungUp;

/**
 * Replays the captures of a real Asterisk 23 over a socket: the server sends the commands the
 * reference server sent, the fake Asterisk answers exactly what Asterisk answered, and the replies
 * the server reads must be what Asterisk meant. Unlike the reference server, Relais sends nothing
 * once Asterisk's HANGUP line has come: the replay stops where the server closes.
 */
@Timeout(30)
class AgiTranscriptReplayTest {

  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  /** Sends the transcript's commands one after the other and keeps what it read. */
  private static final class ScriptHandler implements AgiHandler {
    final List<String> commands;
    final List<AgiReply> replies = new CopyOnWriteArrayList<>();
    final List<String> sent = new CopyOnWriteArrayList<>();
    final List<Boolean> hungUp = new CopyOnWriteArrayList<>();
    final AtomicReference<AgiEnvironment> environment = new AtomicReference<>();
    final AtomicReference<Throwable> ended = new AtomicReference<>();
    final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);

    ScriptHandler(List<String> commands) {
      this.commands = commands;
    }

    @Override
    public Future<?> handle(AgiSession session, AgiEnvironment env, Context context) {
      environment.set(env);
      Future<?> chain = Future.succeededFuture();
      for (String command : commands) {
        chain = chain.compose(v -> session.send(command).onSuccess(reply -> {
          replies.add(reply);
          hungUp.add(session.hungUp());
        }));
      }
      return chain.onFailure(ended::set).onComplete(ar -> done.countDown());
    }
  }

  private ScriptHandler replay(AgiTranscript.Session session, boolean fragmented) throws Exception {
    ScriptHandler handler = new ScriptHandler(session.commands());
    AgiConfig config = new AgiConfig(null, 0, null, null, null, null, null, null, null, null, null, null);
    AgiServer server = new AgiServer(config, handler, new AtomicInteger());
    vertx.deployVerticle(server).await(10, TimeUnit.SECONDS);
    try (FakeAsterisk asterisk = new FakeAsterisk(server.actualPort(), fragmented)) {
      asterisk.send(session.environment());
      List<String> commands = session.commands();
      boolean serverClosed = false;
      for (int i = 0; i < commands.size(); i++) {
        String command = asterisk.readCommand();
        if (command == null) {
          serverClosed = true;
          break;
        }
        assertThat(command).as("command %d", i).isEqualTo(commands.get(i));
        handler.sent.add(command);
        asterisk.send(session.answerTo(i));
      }
      boolean asteriskCloses = session.title().contains("AGIEXITONHANGUP");
      if (asteriskCloses) {
        asterisk.hangUpSocket();
      } else if (!serverClosed) {
        assertThat(asterisk.closedWithin(5000)).as("the server closes the connection").isTrue();
      }
    }
    assertThat(handler.done.await(5, TimeUnit.SECONDS)).isTrue();
    return handler;
  }

  @ParameterizedTest(name = "fragmented input: {0}")
  @ValueSource(booleans = {false, true})
  void shouldReadEveryReplyOfAFullSessionAsAsteriskMeantIt(boolean fragmented) throws Exception {
    AgiTranscript.Session session = AgiTranscript.load("agi-session-full.txt").sessions().getFirst();
    ScriptHandler h = replay(session, fragmented);
    List<String> commands = session.commands();
    AgiEnvironment env = h.environment.get();
    assertThat(env.script()).isEqualTo("hotline");
    assertThat(env.callerId()).isEqualTo("0612345678");
    assertThat(env.get("accountcode")).isEmpty();
    assertThat(env.get("arg_2")).isEqualTo("full");

    assertThat(reply(h, commands, "GET VARIABLE RELAIS_SCENARIO", 0)).satisfies(r -> {
      assertThat(r.result()).isEqualTo("1");
      assertThat(r.data()).isEqualTo("full");
    });
    assertThat(reply(h, commands, "GET VARIABLE RELAIS_NO_SUCH_VARIABLE", 0).result()).isEqualTo("0");
    assertThat(reply(h, commands, "GET FULL VARIABLE \"${CALLERID", 0).data()).isEqualTo("0612345678 fr C-000042");
    assertThat(reply(h, commands, "GET FULL VARIABLE ${RELAIS_NO_SUCH", 0).data()).isEmpty();
    assertThat(reply(h, commands, "STREAM FILE beep", 0)).satisfies(r -> {
      assertThat(r.result()).isEqualTo("0");
      assertThat(r.endpos()).isEqualTo(3520L);
    });
    assertThat(reply(h, commands, "STREAM FILE relais-no-such-prompt", 0).resultAsInt(0)).isEqualTo(-1);
    assertThat(reply(h, commands, "GET DATA beep 10000 10", 0).result()).isEqualTo("12345678");
    assertThat(reply(h, commands, "GET DATA beep 3000 4", 0)).satisfies(r -> {
      assertThat(r.result()).isEmpty();
      assertThat(r.data()).isEqualTo("timeout");
    });
    assertThat(reply(h, commands, "STREAM FILE vm-intro", 0).resultAsInt(0)).isEqualTo('9');
    assertThat(reply(h, commands, "RECORD FILE /var", 0)).satisfies(r -> {
      assertThat(r.result()).isEqualTo("35");
      assertThat(r.data()).isEqualTo("dtmf");
      assertThat(r.endpos()).isEqualTo(22880L);
    });
    assertThat(reply(h, commands, "EXEC RelaisNoSuchApplication", 0).result()).isEqualTo("-2");
    assertThat(reply(h, commands, "RELAIS NO SUCH COMMAND", 0).code()).isEqualTo(AgiReply.INVALID_COMMAND);
    AgiReply usage = reply(h, commands, "GET DATA", 2);
    assertThat(usage.code()).isEqualTo(AgiReply.USAGE);
    assertThat(usage.text()).contains("Stream the given <replaceable>file</replaceable>").endsWith("520 End of proper usage.");
    AgiReply recordUsage = reply(h, commands, "RECORD FILE only-a-name", 0);
    assertThat(recordUsage.code()).isEqualTo(AgiReply.USAGE);
    assertThat(recordUsage.text().split("\n")).hasSize(3);

    int hangup = commands.indexOf("HANGUP");
    assertThat(h.replies.get(hangup).code()).isEqualTo(200);
    assertThat(h.ended.get()).as("Asterisk's HANGUP line ends the call").isInstanceOf(CallerHungUp.class);
    assertThat(h.replies).as("no reply is taken after the HANGUP line").hasSize(hangup + 1);
    assertThat(h.sent.size()).as("at most the command already on its way when the line came")
        .isLessThanOrEqualTo(hangup + 2);
  }

  @Test
  void shouldSeeTheHangupLineWhereverItArrives() throws Exception {
    List<AgiTranscript.Session> sessions = AgiTranscript.load("agi-hangup-midway.txt").sessions();
    assertThat(sessions).hasSize(3);

    ScriptHandler a = replay(sessions.get(0), false);
    assertThat(a.replies.get(1).resultAsInt(0)).as("STREAM FILE cut by the hangup").isEqualTo(-1);
    assertThat(a.replies.get(1).endpos()).as("the sound was playing").isEqualTo(24160L);
    assertThat(a.hungUp.get(1)).as("HANGUP has not come yet").isFalse();
    assertThat(a.sent).as("HANGUP arrived between GET DATA and its 511: nothing after")
        .containsExactly("ANSWER", "STREAM FILE demo-congrats \"0123456789*#\"", "GET DATA beep 2000 4");
    assertThat(a.replies).hasSize(2);
    assertThat(a.ended.get()).isInstanceOf(CallerHungUp.class);

    ScriptHandler b = replay(sessions.get(1), true);
    assertThat(b.replies.get(1).result()).as("GET DATA loses the keys pressed").isEqualTo("-1");
    assertThat(b.replies).hasSize(2);
    assertThat(b.ended.get()).isInstanceOf(CallerHungUp.class);
    assertThat(b.sent.size()).isLessThanOrEqualTo(3);

    ScriptHandler c = replay(sessions.get(2), false);
    assertThat(c.replies).hasSize(2);
    assertThat(c.replies.get(1).result()).isEqualTo("-1");
  }

  private static AgiReply reply(ScriptHandler h, List<String> commands, String prefix, int skip) {
    List<Integer> matches = new ArrayList<>();
    for (int i = 0; i < commands.size(); i++) {
      if (commands.get(i).startsWith(prefix)) {
        matches.add(i);
      }
    }
    return h.replies.get(matches.get(skip));
  }
}
