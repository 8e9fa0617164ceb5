package org.relais.sms.smpp;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's socket output shared by every thread that sends a PDU: each write appends a whole
 * PDU, and a flush returns once the socket took it. The first thread to flush writes everything
 * appended so far in one write to the socket; threads that flush meanwhile wait for the write that
 * carries their PDU. Under load, many submit_sm and deliver_sm_resp thus leave in one system
 * call instead of one each, and senders no longer queue on a lock around the socket's write.
 *
 * <p>One thread never waits on the socket to write: the session's reader, whatever it writes (its
 * answers, and jSMPP's own generic_nack, ESME_RTHROTTLED and unbind). Its flush only hands the
 * write to a virtual thread of the stream's, one at a time, which goes on while the reader appends
 * more; were the reader to wait on a socket a peer does not drain, it would stop reading, the
 * peer's own writes would then stall too, and both ends would wait until the dead-peer check.
 * (Closing, the reader still waits the bounded time a close takes: see {@code TlsConnections}.)
 *
 * <p>A failed write fails every flush waiting on it and every later one: the connection is then
 * broken, and the session closes it (a failed write of that virtual thread closes the connection
 * itself). So does a peer that reads nothing: an append that would leave more than
 * {@link #MAX_WAITING} bytes waiting behind a write the socket has not taken fails
 * ({@link PeerNotReading}), rather than hold ever more answers for a peer that will not read them.
 */
final class CoalescingOutputStream extends OutputStream {

  private static final Logger log = LoggerFactory.getLogger(CoalescingOutputStream.class);

  /**
   * The most bytes that may wait behind a write in progress. A live peer never has that much
   * waiting: a bind's send loop appends at most 64 submit_sm (of at most 64 KB each) before its
   * flush returns, the next parts of long messages are bounded by the window, and answers by the
   * SMSC's own window (17 bytes each). Raising those bounds means looking at this one again.
   */
  static final int MAX_WAITING = 8 * 1024 * 1024;

  /** The failure of an append refused because the peer took nothing while too much waited. */
  static final class PeerNotReading extends IOException {
    PeerNotReading(String message) {
      super(message);
    }
  }

  private final OutputStream socket;
  private final int maxWaiting;
  /** The thread whose flush never waits (the session's reader), and the connection its failed write closes. */
  private final Predicate<Thread> neverWaits;
  private final Closeable connection;
  /** Flushes handed over by threads that never wait and not yet done ({@link #flushLater}). */
  private final AtomicInteger flushesOwed = new AtomicInteger();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition written = lock.newCondition();
  private byte[] pending = new byte[16 * 1024];
  private byte[] spare = new byte[16 * 1024];
  private int pendingLength;
  /** Bytes appended since the start, and bytes the socket took: a flush waits until the second reaches its mark. */
  private long appendedTotal;
  private long writtenTotal;
  private boolean writing;
  private IOException failure;
  private long socketWrites;
  private final OutputStream withoutFlush = new OutputStream() {
    @Override
    public void write(int b) throws IOException {
      CoalescingOutputStream.this.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      CoalescingOutputStream.this.write(b, off, len);
    }
  };

  /** A stream every thread of which may wait on the socket (tests). */
  CoalescingOutputStream(OutputStream socket) {
    this(socket, MAX_WAITING, thread -> false, socket);
  }

  /**
   * The output of {@code connection}, {@code socket}, whose flush never waits on the threads
   * {@code neverWaits} accepts: they hand the write over, and a failure of it closes
   * {@code connection}.
   */
  CoalescingOutputStream(OutputStream socket, Predicate<Thread> neverWaits, Closeable connection) {
    this(socket, MAX_WAITING, neverWaits, connection);
  }

  /** With at most {@code maxWaiting} bytes waiting behind a write in progress (tests). */
  CoalescingOutputStream(OutputStream socket, int maxWaiting) {
    this(socket, maxWaiting, thread -> false, socket);
  }

  private CoalescingOutputStream(OutputStream socket, int maxWaiting, Predicate<Thread> neverWaits,
      Closeable connection) {
    this.socket = socket;
    this.maxWaiting = maxWaiting;
    this.neverWaits = neverWaits;
    this.connection = connection;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    lock.lock();
    try {
      if (failure != null) {
        throw new IOException("the connection failed: " + failure.getMessage(), failure);
      }
      if (writing && pendingLength + len > maxWaiting) {
        PeerNotReading refused = new PeerNotReading("the peer took nothing of a write while " + pendingLength
            + " bytes waited behind it");
        failure = refused;
        written.signalAll();
        throw refused;
      }
      if (pendingLength + len > pending.length) {
        pending = java.util.Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + len));
      }
      System.arraycopy(b, off, pending, pendingLength, len);
      pendingLength += len;
      appendedTotal += len;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns once the socket took everything appended before; on a thread that never waits, at once,
   * the write handed over ({@link #flushLater}).
   */
  @Override
  public void flush() throws IOException {
    if (neverWaits.test(Thread.currentThread())) {
      flushLater();
      return;
    }
    flushNow();
  }

  private void flushNow() throws IOException {
    lock.lock();
    try {
      long mine = appendedTotal;
      while (writtenTotal < mine) {
        if (failure != null) {
          throw new IOException("the connection failed: " + failure.getMessage(), failure);
        }
        if (writing) {
          written.awaitUninterruptibly();
        } else {
          writeOut();
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Hands the flush to a virtual thread: one at a time per stream, which flushes again as long as
   * flushes were handed over meanwhile, so that a burst of the reader's answers leaves in a few
   * writes. A failed write closes the connection: the reader's next read fails, and the session
   * closes. Without a thread to write, nothing appended can leave: the connection is closed.
   */
  private void flushLater() throws IOException {
    if (flushesOwed.getAndIncrement() > 0) {
      return;
    }
    try {
      Thread.ofVirtual().name("smpp-answers").start(this::flushOwed);
    } catch (RuntimeException | Error e) {
      flushesOwed.set(0);
      closeConnection();
      throw new IOException("no thread to write what the reader appended: " + e, e);
    }
  }

  private void flushOwed() {
    int owed = flushesOwed.get();
    while (true) {
      try {
        // Writes everything appended before it: what each of the owed flushes asked for.
        flushNow();
      } catch (IOException | RuntimeException e) {
        // Whatever ends it, the count goes on below: later flushes of the reader are not lost.
        log.debug("what the reader appended was not sent ({}); closing the connection", e.toString());
        closeConnection();
      }
      int left = flushesOwed.addAndGet(-owed);
      if (left == 0) {
        return;
      }
      owed = left;
    }
  }

  private void closeConnection() {
    try {
      connection.close();
    } catch (IOException | RuntimeException e) {
      log.debug("closing the connection after a failed write: {}", e.toString());
    }
  }

  /**
   * Waits until the socket took everything appended so far, or the connection failed, at most
   * {@code timeout}: for a thread that never waits on the socket and is about to close it, its last
   * PDUs a chance to leave. Whether they did.
   */
  boolean awaitWritten(Duration timeout) throws InterruptedException {
    long left = timeout.toNanos();
    lock.lock();
    try {
      long mine = appendedTotal;
      while (writtenTotal < mine && failure == null && left > 0) {
        left = written.awaitNanos(left);
      }
      return writtenTotal >= mine;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Writes what is appended to the socket, outside the lock (held on entry and on return). Whatever
   * the write throws fails it: the flushes waiting on it, and every later one, see the failure.
   */
  private void writeOut() {
    byte[] batch = pending;
    int length = pendingLength;
    long upTo = appendedTotal;
    pending = spare;
    // Each of the two buffers is either being written or taking appends, never both.
    spare = null;
    pendingLength = 0;
    writing = true;
    lock.unlock();
    Throwable error = null;
    try {
      socket.write(batch, 0, length);
      socket.flush();
    } catch (Throwable e) {
      error = e;
    } finally {
      lock.lock();
    }
    writing = false;
    // A buffer grown for a burst is let go, not kept for good.
    spare = batch.length <= 64 * 1024 ? batch : new byte[16 * 1024];
    if (error == null) {
      writtenTotal = upTo;
      socketWrites++;
    } else if (failure == null) {
      // A refused append may have failed the stream first: its reason is kept.
      failure = error instanceof IOException io ? io : new IOException(error.toString(), error);
    }
    written.signalAll();
  }

  /**
   * A view that appends as this stream does and whose flush does nothing: for the answers of an
   * {@link org.relais.sms.AnswerBatch}, flushed once at its end.
   */
  OutputStream withoutFlush() {
    return withoutFlush;
  }

  /** Bytes appended that the socket has not taken yet. */
  long unwritten() {
    lock.lock();
    try {
      return appendedTotal - writtenTotal;
    } finally {
      lock.unlock();
    }
  }

  /** Writes the socket took so far (each carries one PDU or more). */
  long socketWrites() {
    lock.lock();
    try {
      return socketWrites;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
