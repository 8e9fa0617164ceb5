package org.relais.sms.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class CoalescingOutputStreamTest {

  /** A PDU of {@code sender}'s {@code n}-th send: length, sender, sequence, then filler. */
  private static byte[] pdu(int sender, int n) {
    int length = 12 + (n % 7) * 5;
    return ByteBuffer.allocate(length).putInt(length).putInt(sender).putInt(n).array();
  }

  @Test
  void shouldWriteEveryPduWholeAndInEachSendersOrderInFewerSocketWrites() throws Exception {
    // A socket that takes its time, so that PDUs pile up behind each write.
    Sockets.Recording socket = new Sockets.Recording(1);
    CoalescingOutputStream out = new CoalescingOutputStream(socket);
    int senders = 64;
    int each = 50;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int s = 0; s < senders; s++) {
        int sender = s;
        done.add(threads.submit(() -> {
          start.await();
          for (int n = 0; n < each; n++) {
            out.write(pdu(sender, n));
            out.flush();
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    }

    ByteBuffer taken = ByteBuffer.wrap(socket.taken.toByteArray());
    Map<Integer, Integer> next = new HashMap<>();
    int pdus = 0;
    while (taken.hasRemaining()) {
      int at = taken.position();
      int length = taken.getInt();
      int sender = taken.getInt();
      int n = taken.getInt();
      assertThat(length).as("a whole PDU at byte " + at).isEqualTo(pdu(sender, n).length);
      assertThat(n).as("sender " + sender + "'s order").isEqualTo(next.getOrDefault(sender, 0));
      next.put(sender, n + 1);
      taken.position(at + length);
      pdus++;
    }
    assertThat(pdus).isEqualTo(senders * each);
    assertThat(next.values()).allMatch(v -> v == each);
    assertThat(out.socketWrites()).isEqualTo(socket.writes.get()).isLessThan(senders * each / 4);
  }

  @Test
  void shouldFailTheFlushesOfAWriteTheSocketRefusedAndEveryLaterSend() throws Exception {
    CoalescingOutputStream out = new CoalescingOutputStream(Sockets.broken());
    out.write(pdu(1, 1));
    assertThatThrownBy(out::flush).isInstanceOf(IOException.class).hasMessageContaining("Broken pipe");
    assertThatThrownBy(() -> out.write(pdu(1, 2))).isInstanceOf(IOException.class)
        .hasMessageContaining("the connection failed: Broken pipe");
  }

  @Test
  void shouldFailEveryFlushWaitingOnAWriteThatThrowsAndEveryLaterSend() throws Exception {
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch fail = new CountDownLatch(1);
    OutputStream failing = new OutputStream() {
      @Override
      public void write(int b) {
        throw new AssertionError("written byte by byte");
      }

      @Override
      public void write(byte[] b, int off, int len) {
        writing.countDown();
        try {
          fail.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("socket closed under the write");
      }
    };
    CoalescingOutputStream out = new CoalescingOutputStream(failing);
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<?> first = threads.submit(() -> {
        out.write(pdu(1, 0));
        out.flush();
        return null;
      });
      writing.await();
      // Appended while the first write runs: it waits for the write that will carry it.
      Future<?> second = threads.submit(() -> {
        out.write(pdu(2, 0));
        out.flush();
        return null;
      });
      fail.countDown();
      for (Future<?> f : List.of(first, second)) {
        assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(IOException.class)
            .hasMessageContaining("socket closed under the write");
      }
    }
    assertThatThrownBy(() -> out.write(pdu(3, 0))).isInstanceOf(IOException.class);
  }

  @Test
  void shouldCarryAPduLargerThanItsBuffersWhole() throws Exception {
    Sockets.Recording socket = new Sockets.Recording(1);
    CoalescingOutputStream out = new CoalescingOutputStream(socket);
    byte[] large = new byte[100_000];
    java.util.Arrays.fill(large, (byte) 7);
    out.write(large);
    out.flush();
    out.write(pdu(4, 0));
    out.flush();
    byte[] taken = socket.taken.toByteArray();
    assertThat(taken).hasSize(large.length + pdu(4, 0).length);
    assertThat(java.util.Arrays.copyOfRange(taken, 0, large.length)).isEqualTo(large);
    assertThat(java.util.Arrays.copyOfRange(taken, large.length, taken.length)).isEqualTo(pdu(4, 0));
  }

  @Test
  void shouldReturnAtOnceFromAFlushWithNothingToWrite() throws Exception {
    Sockets.Recording socket = new Sockets.Recording(1);
    CoalescingOutputStream out = new CoalescingOutputStream(socket);
    out.flush();
    out.write(pdu(2, 0));
    out.flush();
    out.flush();
    assertThat(socket.writes.get()).isOne();
    assertThat(socket.taken.toByteArray()).isEqualTo(pdu(2, 0));
  }

  @Test
  void shouldGiveUpOnAPeerThatReadsNothingOnceTooMuchWaitsBehindAWrite() throws Exception {
    Sockets.Held socket = new Sockets.Held();
    CoalescingOutputStream out = new CoalescingOutputStream(socket, 100);
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<?> first = threads.submit(() -> {
        out.write(pdu(1, 0));
        out.flush();
        return null;
      });
      socket.writing.await();
      // 17 + 22 + 27 + 32 = 98 bytes wait behind the write the peer does not take: within 100.
      for (int n = 1; n <= 4; n++) {
        out.write(pdu(1, n));
      }
      // A flush waiting for the write that would carry them: the refusal ends its wait.
      Future<?> waiting = threads.submit(() -> {
        out.flush();
        return null;
      });
      Thread.sleep(100);
      assertThat(waiting).isNotDone();
      assertThatThrownBy(() -> out.write(pdu(1, 5))).isInstanceOf(CoalescingOutputStream.PeerNotReading.class)
          .hasMessageContaining("the peer took nothing of a write while 98 bytes waited behind it");
      assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(IOException.class)
          .hasMessageContaining("the peer took nothing");
      assertThatThrownBy(() -> out.write(pdu(2, 0))).isInstanceOf(IOException.class)
          .hasMessageContaining("the connection failed");
      assertThatThrownBy(out::flush).isInstanceOf(IOException.class);
      socket.release();
      // The write in progress was taken whole: its flush returns.
      first.get(10, TimeUnit.SECONDS);
    }
    assertThat(socket.taken.taken.toByteArray()).isEqualTo(pdu(1, 0));
  }

  @Test
  void shouldNeverHoldTheReaderOnASocketItsPeerDoesNotDrainAndSendWhatItAppendedOnceItDoes() throws Exception {
    Sockets.Held socket = new Sockets.Held();
    Thread reader = Thread.currentThread();
    CoalescingOutputStream out = new CoalescingOutputStream(socket, t -> t == reader, socket);
    out.write(pdu(1, 0));
    // Returns with the write handed over, while the peer takes nothing.
    out.flush();
    assertThat(socket.writing.await(10, TimeUnit.SECONDS)).as("the handed-over write started").isTrue();
    for (int n = 1; n <= 3; n++) {
      out.write(pdu(1, n));
      out.flush();
    }
    assertThat(out.unwritten()).isEqualTo(pdu(1, 0).length + pdu(1, 1).length + pdu(1, 2).length + pdu(1, 3).length);
    assertThat(out.awaitWritten(java.time.Duration.ofMillis(100))).as("not taken while the peer reads nothing").isFalse();

    socket.release();
    assertThat(out.awaitWritten(java.time.Duration.ofSeconds(10))).as("taken once the peer reads").isTrue();
    java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
    for (int n = 0; n <= 3; n++) {
      expected.writeBytes(pdu(1, n));
    }
    assertThat(socket.taken.taken.toByteArray()).isEqualTo(expected.toByteArray());
    assertThat(out.socketWrites()).as("the three appended meanwhile left together").isEqualTo(2);
  }

  @Test
  void shouldCloseTheConnectionWhenAWriteHandedOverByTheReaderFails() throws Exception {
    CountDownLatch closed = new CountDownLatch(1);
    Thread reader = Thread.currentThread();
    CoalescingOutputStream out = new CoalescingOutputStream(Sockets.broken(), t -> t == reader, closed::countDown);
    out.write(pdu(1, 0));
    out.flush();
    assertThat(closed.await(10, TimeUnit.SECONDS)).as("the connection closed").isTrue();
    assertThat(out.awaitWritten(java.time.Duration.ofSeconds(10))).isFalse();
    assertThatThrownBy(() -> out.write(pdu(1, 1))).isInstanceOf(IOException.class)
        .hasMessageContaining("the connection failed: Broken pipe");
  }
}
