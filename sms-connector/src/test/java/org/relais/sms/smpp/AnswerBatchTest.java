package org.relais.sms.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.relais.sms.AnswerBatch;

class AnswerBatchTest {

  private static byte[] pdu(int n) {
    return ByteBuffer.allocate(16).putInt(16).putInt(0x80000005).putInt(0).putInt(n).array();
  }

  /** What a session does to send an answer (EsmeSession.respond): the PDU, then a flush, deferred inside a batch. */
  private static void answer(CoalescingOutputStream session, int n) throws IOException {
    OutputStream out = AnswerBatch.defer(session) ? session.withoutFlush() : session;
    out.write(pdu(n));
    out.flush();
  }

  private static byte[] concat(byte[]... pdus) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] p : pdus) {
      all.writeBytes(p);
    }
    return all.toByteArray();
  }

  private interface Step {
    void run() throws IOException;
  }

  private static Runnable unchecked(Step step) {
    return () -> {
      try {
        step.run();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    };
  }

  @Test
  void shouldSendABatchsAnswersToEachSessionInOneWriteAtItsEnd() {
    Sockets.Recording first = new Sockets.Recording(0);
    Sockets.Recording second = new Sockets.Recording(0);
    CoalescingOutputStream a = new CoalescingOutputStream(first);
    CoalescingOutputStream b = new CoalescingOutputStream(second);

    AnswerBatch.run(unchecked(() -> {
      answer(a, 1);
      answer(b, 2);
      answer(a, 3);
      answer(b, 4);
      answer(a, 5);
      assertThat(first.writes.get() + second.writes.get()).as("nothing written before the batch ends").isZero();
    }));

    assertThat(first.writes.get()).isOne();
    assertThat(first.taken.toByteArray()).isEqualTo(concat(pdu(1), pdu(3), pdu(5)));
    assertThat(second.writes.get()).isOne();
    assertThat(second.taken.toByteArray()).isEqualTo(concat(pdu(2), pdu(4)));
  }

  @Test
  void shouldSendAnAnswerAtOnceOutsideABatch() throws IOException {
    Sockets.Recording socket = new Sockets.Recording(0);
    CoalescingOutputStream session = new CoalescingOutputStream(socket);
    answer(session, 1);
    assertThat(socket.writes.get()).isOne();
    answer(session, 2);
    assertThat(socket.writes.get()).isEqualTo(2);
    assertThat(socket.taken.toByteArray()).isEqualTo(concat(pdu(1), pdu(2)));
  }

  @Test
  void shouldSendARequestInsideABatchAtOnceWithTheAnswersBeforeIt() {
    Sockets.Recording socket = new Sockets.Recording(0);
    CoalescingOutputStream session = new CoalescingOutputStream(socket);
    AnswerBatch.run(unchecked(() -> {
      answer(session, 1);
      // A request's sender waits for its response: it cannot wait for the batch's end.
      session.write(pdu(2));
      session.flush();
      assertThat(socket.taken.toByteArray()).isEqualTo(concat(pdu(1), pdu(2)));
      answer(session, 3);
    }));
    assertThat(socket.writes.get()).isEqualTo(2);
    assertThat(socket.taken.toByteArray()).isEqualTo(concat(pdu(1), pdu(2), pdu(3)));
  }

  @Test
  void shouldSendTheAnswersOfABatchThatThrowsAndPassTheFailureOn() {
    Sockets.Recording socket = new Sockets.Recording(0);
    CoalescingOutputStream session = new CoalescingOutputStream(socket);
    assertThatThrownBy(() -> AnswerBatch.run(unchecked(() -> {
      answer(session, 1);
      throw new IllegalStateException("a completion failed");
    }))).isInstanceOf(IllegalStateException.class).hasMessage("a completion failed");
    assertThat(socket.taken.toByteArray()).isEqualTo(pdu(1));
  }

  @Test
  void shouldJoinANestedBatchToTheOuterOne() {
    Sockets.Recording socket = new Sockets.Recording(0);
    CoalescingOutputStream session = new CoalescingOutputStream(socket);
    AnswerBatch.run(unchecked(() -> {
      answer(session, 1);
      AnswerBatch.run(unchecked(() -> answer(session, 2)));
      assertThat(socket.writes.get()).as("the inner batch's end flushes nothing").isZero();
      answer(session, 3);
    }));
    assertThat(socket.writes.get()).isOne();
    assertThat(socket.taken.toByteArray()).isEqualTo(concat(pdu(1), pdu(2), pdu(3)));
  }

  @Test
  void shouldEndABatchWhoseFlushFailsQuietlyAndFlushTheOtherSessions() {
    CoalescingOutputStream dead = new CoalescingOutputStream(Sockets.broken());
    Sockets.Recording socket = new Sockets.Recording(0);
    CoalescingOutputStream alive = new CoalescingOutputStream(socket);

    AnswerBatch.run(unchecked(() -> {
      answer(dead, 1);
      answer(alive, 2);
    }));

    assertThat(socket.taken.toByteArray()).isEqualTo(pdu(2));
    assertThatThrownBy(() -> answer(dead, 3)).isInstanceOf(IOException.class)
        .hasMessageContaining("the connection failed: Broken pipe");
  }

  @Test
  void shouldDeferNoFlushOutsideABatch() {
    assertThat(AnswerBatch.defer(new CoalescingOutputStream(new Sockets.Recording(0)))).isFalse();
  }
}
