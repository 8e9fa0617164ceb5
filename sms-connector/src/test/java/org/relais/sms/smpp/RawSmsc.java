package org.relais.sms.smpp;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * An SMSC of plain sockets for malformed-PDU and stop tests: it answers binds, enquire_link, unbind
 * (then closes, as SMSCs do) and submit_sm on its own, sends whatever bytes a test gives it, and
 * keeps every other PDU the ESME sends (the responses) for the test to look at. One ESME
 * connection at a time; a new one replaces it.
 */
final class RawSmsc implements AutoCloseable {

  /** A PDU the ESME sent. */
  record Pdu(int commandId, int status, int sequence, byte[] body) {}

  private final ServerSocket server;
  private final java.util.Queue<Pdu> received = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final List<Pdu> submits = new CopyOnWriteArrayList<>();
  private final AtomicInteger binds = new AtomicInteger();
  private final AtomicInteger unbinds = new AtomicInteger();
  private final AtomicInteger ids = new AtomicInteger(0x500);
  /** Answers for the next submit_sm, one each, in place of an accepting resp: the whole PDU for the submit's sequence. */
  private final java.util.Queue<java.util.function.IntFunction<byte[]>> submitAnswers =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private volatile Socket current;
  private volatile boolean bound;
  private volatile boolean answerUnbind = true;
  private volatile java.time.Duration unbindDelay = java.time.Duration.ZERO;
  private volatile byte[] unbindAnswer;
  private volatile boolean reading = true;

  private RawSmsc(int receiveBuffer) throws IOException {
    server = new ServerSocket();
    if (receiveBuffer > 0) {
      // Set before the bind, so that the connections it accepts take it.
      server.setReceiveBufferSize(receiveBuffer);
    }
    server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    Thread.ofVirtual().name("raw-smsc-accept").start(this::acceptLoop);
  }

  static RawSmsc start() throws IOException {
    return new RawSmsc(0);
  }

  /** An SMSC whose connections have a socket receive buffer of about {@code bytes}: an ESME's writes fill it soon. */
  static RawSmsc withReceiveBuffer(int bytes) throws IOException {
    return new RawSmsc(bytes);
  }

  /** Stops reading from the ESME (after the PDU it may be reading now) until {@link #resumeReading}. */
  void pauseReading() {
    reading = false;
  }

  void resumeReading() {
    reading = true;
  }

  /** How many PDUs of {@code commandId} the ESME sent, among those kept for the tests. */
  long count(int commandId) {
    return received.stream().filter(p -> p.commandId() == commandId).count();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Binds accepted since start (a rebind after a dropped connection counts again). */
  int binds() {
    return binds.get();
  }

  /** Unbinds received since start. */
  int unbinds() {
    return unbinds.get();
  }

  /** From now on, closes the connection on an unbind without answering it. */
  void closeOnUnbindWithoutResp() {
    answerUnbind = false;
  }

  /** From now on, answers an unbind (then closes) only after {@code delay}, reading on meanwhile. */
  void answerUnbindAfter(java.time.Duration delay) {
    unbindDelay = delay;
  }

  /** From now on, answers an unbind with these bytes instead of its resp, and reads on. */
  void answerUnbindWith(byte[] bytes) {
    unbindAnswer = bytes;
  }

  List<Pdu> submits() {
    return List.copyOf(submits);
  }

  void awaitBinds(int n, long timeoutMs) throws InterruptedException {
    long end = System.currentTimeMillis() + timeoutMs;
    while (binds.get() < n || !bound) {
      if (System.currentTimeMillis() > end) {
        throw new AssertionError("expected " + n + " binds, got " + binds.get());
      }
      Thread.sleep(10);
    }
  }

  /** Writes raw bytes to the bound ESME. */
  void send(byte[] bytes) throws IOException {
    Socket s = current;
    if (s == null) {
      throw new IOException("no ESME connected");
    }
    synchronized (this) {
      OutputStream out = s.getOutputStream();
      out.write(bytes);
      out.flush();
    }
  }

  /** Answers the next submit_sm with the PDU {@code answer} builds for its sequence number, instead of accepting it. */
  void answerNextSubmit(java.util.function.IntFunction<byte[]> answer) {
    submitAnswers.add(answer);
  }

  /** Waits for a PDU from the ESME that matches. */
  Pdu await(Predicate<Pdu> match, long timeoutMs) throws InterruptedException {
    long end = System.currentTimeMillis() + timeoutMs;
    while (true) {
      for (Pdu p : received) {
        if (match.test(p)) {
          return p;
        }
      }
      if (System.currentTimeMillis() > end) {
        throw new AssertionError("no such PDU from the ESME; got " + received.stream()
            .map(p -> "0x%08X/%d/seq %d".formatted(p.commandId(), p.status(), p.sequence())).toList());
      }
      Thread.sleep(10);
    }
  }

  /** The response to the request of sequence {@code seq}. */
  Pdu response(int seq, long timeoutMs) throws InterruptedException {
    return await(p -> p.sequence() == seq && (p.commandId() & 0x80000000) != 0, timeoutMs);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        Socket old = current;
        current = s;
        bound = false;
        if (old != null) {
          old.close();
        }
        Thread.ofVirtual().name("raw-smsc-read").start(() -> serve(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      DataInputStream in = new DataInputStream(s.getInputStream());
      while (true) {
        while (!reading) {
          Thread.sleep(5);
        }
        int length = in.readInt();
        int id = in.readInt();
        int status = in.readInt();
        int seq = in.readInt();
        byte[] body = new byte[Math.max(0, length - 16)];
        in.readFully(body);
        switch (id) {
          case 0x00000001, 0x00000002, 0x00000009 -> {
            reply(s, id | 0x80000000, seq, cString("raw-smsc"));
            binds.incrementAndGet();
            bound = true;
          }
          case 0x00000015 -> reply(s, 0x80000015, seq, new byte[0]);
          case 0x00000006 -> {
            unbinds.incrementAndGet();
            byte[] instead = unbindAnswer;
            java.time.Duration delay = unbindDelay;
            if (instead != null) {
              synchronized (this) {
                s.getOutputStream().write(instead);
                s.getOutputStream().flush();
              }
            } else if (!answerUnbind) {
              return;
            } else if (delay.isZero()) {
              reply(s, 0x80000006, seq, new byte[0]);
              return;
            } else {
              Thread.ofVirtual().name("raw-smsc-unbind").start(() -> {
                try (s) {
                  Thread.sleep(delay);
                  reply(s, 0x80000006, seq, new byte[0]);
                } catch (IOException | InterruptedException e) {
                  // the ESME closed first
                }
              });
            }
          }
          case 0x00000004 -> {
            submits.add(new Pdu(id, status, seq, body));
            java.util.function.IntFunction<byte[]> answer = submitAnswers.poll();
            if (answer != null) {
              synchronized (this) {
                s.getOutputStream().write(answer.apply(seq));
                s.getOutputStream().flush();
              }
            } else {
              reply(s, 0x80000004, seq, cString(Integer.toHexString(ids.incrementAndGet()).toUpperCase()));
            }
          }
          default -> received.add(new Pdu(id, status, seq, body));
        }
      }
    } catch (IOException | InterruptedException e) {
      if (current == s) {
        bound = false;
      }
    }
  }

  private void reply(Socket s, int id, int seq, byte[] body) throws IOException {
    byte[] pdu = ByteBuffer.allocate(16 + body.length).putInt(16 + body.length).putInt(id).putInt(0).putInt(seq)
        .put(body).array();
    synchronized (this) {
      s.getOutputStream().write(pdu);
      s.getOutputStream().flush();
    }
  }

  private static byte[] cString(String s) {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    byte[] out = new byte[b.length + 1];
    System.arraycopy(b, 0, out, 0, b.length);
    return out;
  }

  @Override
  public void close() throws IOException {
    server.close();
    Socket s = current;
    if (s != null) {
      s.close();
    }
  }
}
