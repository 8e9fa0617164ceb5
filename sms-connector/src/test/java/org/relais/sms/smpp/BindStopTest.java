package org.relais.sms.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How a bind ends its sessions, against an SMSC of plain sockets whose response timeout is far
 * longer than any of these waits: a stop sends one unbind and returns once the SMSC answers,
 * closes, or sends what cannot be read, and a session closed on a bad command_length binds again
 * without waiting out the timeout for an unbind_resp nobody reads.
 */
@Timeout(60)
class BindStopTest {

  /** Longer than a test waits for anything: reaching it would show as a failed bound below. */
  private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(20);
  private static final long PROMPT_MS = 5_000;
  /** A header whose command_length (8) is shorter than a header: nothing after it can be framed. */
  private static final byte[] TOO_SHORT = {0, 0, 0, 8, 0, 0, 0, 5};

  private RawSmsc smsc;
  private SmppBind bind;

  @BeforeEach
  void start() throws Exception {
    smsc = RawSmsc.start();
    bind = new SmppBind(BindConfig.builder("raw", "127.0.0.1", smsc.port(), "relais")
        .reconnect(Duration.ofMillis(50), Duration.ofMillis(200)).responseTimeout(RESPONSE_TIMEOUT).build(),
        new RecordingPort());
    bind.start();
    smsc.awaitBinds(1, 10_000);
    assertThat(bind.awaitBound(Duration.ofSeconds(10))).isTrue();
  }

  @AfterEach
  void stop() throws Exception {
    bind.stop(Duration.ZERO);
    smsc.close();
  }

  /** Stops the bind, which must return well before the response timeout. */
  private void stopPromptly() {
    long start = System.nanoTime();
    bind.stop(Duration.ofSeconds(1));
    long took = (System.nanoTime() - start) / 1_000_000;
    assertThat(took).as("stop took %d ms", took).isLessThan(PROMPT_MS);
  }

  @Test
  void shouldUnbindOnceAndReturnWhenTheSmscAnswersAndCloses() throws Exception {
    // Longer than the link's watcher takes to see the stop (it looks once a second) while the
    // unbind waits: it must not unbind again.
    smsc.answerUnbindAfter(Duration.ofMillis(1500));
    stopPromptly();
    assertThat(smsc.unbinds()).isEqualTo(1);
    assertThat(bind.state()).isEqualTo(BindState.STOPPED);
  }

  @Test
  void shouldReturnWhenTheSmscClosesWithoutAnsweringTheUnbind() throws Exception {
    smsc.closeOnUnbindWithoutResp();
    stopPromptly();
    assertThat(smsc.unbinds()).isEqualTo(1);
  }

  @Test
  void shouldReturnWhenTheSmscAnswersTheUnbindWithAPduThatCannotBeRead() throws Exception {
    // The reader meets it while the stop waits for the unbind_resp: it must close, not wait too.
    smsc.answerUnbindWith(TOO_SHORT);
    stopPromptly();
    assertThat(smsc.unbinds()).isEqualTo(1);
  }

  @Test
  void shouldBindAgainPromptlyAfterACommandLengthTooShort() throws Exception {
    smsc.send(TOO_SHORT);
    smsc.awaitBinds(2, PROMPT_MS);
    assertThat(bind.awaitBound(Duration.ofSeconds(10))).isTrue();
    stopPromptly();
  }
}
