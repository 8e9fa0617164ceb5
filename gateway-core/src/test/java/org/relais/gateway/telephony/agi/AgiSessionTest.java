package org.relais.gateway.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.relais.ivr.engine.CallerHungUp;

/**
 * One call's session without a socket: its deadlines checked at a given instant (no sleeping), as the
 * server's sweep does, and what it sends once Asterisk's HANGUP line has come.
 */
class AgiSessionTest {

  private static final Duration ENVIRONMENT = Duration.ofSeconds(10);
  private static final Duration COMMAND = Duration.ofSeconds(5);
  private static final Duration CALL = Duration.ofMinutes(30);
  private static final long START = 1_000_000_000L;

  private final AtomicLong clock = new AtomicLong(START);

  /** What the session wrote, and whether it closed its connection. */
  private static final class RecordingWire implements AgiSession.Wire {
    final List<String> written = new ArrayList<>();
    boolean closed;

    @Override
    public void write(String line) {
      written.add(line);
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private static long at(Duration d) {
    return START + d.toNanos();
  }

  private AgiSession session(RecordingWire wire) {
    return new AgiSession(wire, ENVIRONMENT, COMMAND, CALL, clock::get);
  }

  private AgiSession connected(RecordingWire wire) {
    AgiSession s = session(wire);
    FakeAsterisk.environment("hotline", "0612345678").forEach(s::onLine);
    assertThat(s.environment().succeeded()).isTrue();
    return s;
  }

  @Test
  void shouldCloseACallWhoseEnvironmentDoesNotComeInTime() {
    RecordingWire wire = new RecordingWire();
    AgiSession s = session(wire);
    s.onLine("agi_network: yes");
    assertThat(s.isLate(at(ENVIRONMENT))).as("at the deadline itself").isFalse();
    long late = at(ENVIRONMENT) + 1;
    assertThat(s.isLate(late)).isTrue();
    s.checkDeadlines(late);
    assertThat(wire.closed).isTrue();
    assertThat(s.closeReason()).isEqualTo("no AGI environment in time");
    assertThat(s.environment().failed()).isTrue();
    assertThat(s.isLate(late)).as("closed: nothing more to check").isFalse();
  }

  @Test
  void shouldCloseACallWhoseCommandGetsNoReplyInTime() {
    RecordingWire wire = new RecordingWire();
    AgiSession s = connected(wire);
    clock.set(at(Duration.ofSeconds(60)));
    Future<AgiReply> reply = s.send("ANSWER");
    long deadline = at(Duration.ofSeconds(65));
    assertThat(s.isLate(deadline)).isFalse();
    assertThat(s.isLate(deadline + 1)).isTrue();
    s.checkDeadlines(deadline + 1);
    assertThat(wire.closed).isTrue();
    assertThat(s.closeReason()).isEqualTo("no reply to a command within 5 s");
    assertThat(reply.failed()).isTrue();
    assertThat(reply.cause()).isInstanceOf(AgiSession.AgiFailure.class);
  }

  @Test
  void shouldNotHoldAnIdleCallToTheCommandDeadline() {
    AgiSession s = connected(new RecordingWire());
    s.send("ANSWER");
    s.onLine("200 result=0");
    assertThat(s.isLate(at(Duration.ofMinutes(10)))).as("no command awaits a reply").isFalse();
  }

  @Test
  void shouldCloseACallLongerThanTheCallTimeout() {
    RecordingWire wire = new RecordingWire();
    AgiSession s = connected(wire);
    assertThat(s.isLate(at(CALL))).isFalse();
    s.checkDeadlines(at(CALL));
    assertThat(wire.closed).isFalse();
    s.checkDeadlines(at(CALL) + 1);
    assertThat(wire.closed).isTrue();
    assertThat(s.closeReason()).isEqualTo("call longer than agi.call_timeout");
  }

  @Test
  void shouldCloseOnlyTheLateCallsOfASweep() {
    RecordingWire lateWire = new RecordingWire();
    RecordingWire waitingWire = new RecordingWire();
    RecordingWire answeredWire = new RecordingWire();
    AgiSession late = connected(lateWire);
    AgiSession waiting = connected(waitingWire);
    AgiSession answered = connected(answeredWire);
    late.send("ANSWER");
    clock.set(at(Duration.ofSeconds(4)));
    waiting.send("ANSWER");
    answered.send("ANSWER");
    answered.onLine("200 result=0");

    long now = at(COMMAND) + 1;
    for (AgiSession s : List.of(late, waiting, answered)) {
      if (s.isLate(now)) {
        s.checkDeadlines(now);
      }
    }
    assertThat(lateWire.closed).isTrue();
    assertThat(waitingWire.closed).isFalse();
    assertThat(answeredWire.closed).isFalse();
    waiting.onLine("200 result=0");
    assertThat(waiting.isClosed()).isFalse();
  }

  @Test
  void shouldSendNothingOnceAsteriskSaidHangup() {
    RecordingWire wire = new RecordingWire();
    AgiSession s = connected(wire);
    s.onLine("HANGUP");
    assertThat(wire.closed).as("no command awaited: closed at once").isTrue();
    Future<AgiReply> route = s.send("SET VARIABLE RELAIS_ROUTE queue:billing");
    assertThat(route.cause()).isInstanceOf(CallerHungUp.class);
    assertThat(wire.written).isEmpty();
  }

  @Test
  void shouldFailTheAwaitedReplyWhenTheHangupLineComesBeforeIt() {
    RecordingWire wire = new RecordingWire();
    AgiSession s = connected(wire);
    Future<AgiReply> route = s.send("SET VARIABLE RELAIS_ROUTE queue:billing");
    s.onLine("HANGUP");
    assertThat(wire.closed).as("a reply is still awaited").isFalse();
    s.onLine("200 result=1");
    assertThat(route.cause()).as("Asterisk answers 200 on a dead channel").isInstanceOf(CallerHungUp.class);
    assertThat(s.send("HANGUP").cause()).isInstanceOf(CallerHungUp.class);
    assertThat(wire.written).containsExactly("SET VARIABLE RELAIS_ROUTE queue:billing");
  }
}
