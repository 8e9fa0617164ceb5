package org.relais.sms.smpp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** Stand-ins for a session's socket output, for the tests of what is written to it. */
final class Sockets {

  private Sockets() {}

  /** A socket that records what it takes and counts its writes, each taking {@code delayMs}. */
  static final class Recording extends OutputStream {
    final ByteArrayOutputStream taken = new ByteArrayOutputStream();
    final AtomicInteger writes = new AtomicInteger();
    private final long delayMs;

    Recording(long delayMs) {
      this.delayMs = delayMs;
    }

    @Override
    public void write(int b) {
      throw new AssertionError("written byte by byte");
    }

    @Override
    public void write(byte[] b, int off, int len) {
      writes.incrementAndGet();
      if (delayMs > 0) {
        try {
          Thread.sleep(delayMs);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      taken.write(b, off, len);
    }
  }

  /**
   * A socket whose peer reads nothing until {@link #release}: each write waits for it (after
   * counting down {@code writing}), then goes to the recording socket underneath.
   */
  static final class Held extends OutputStream {
    final CountDownLatch writing = new CountDownLatch(1);
    final Recording taken = new Recording(0);
    private final CountDownLatch released = new CountDownLatch(1);

    void release() {
      released.countDown();
    }

    @Override
    public void write(int b) {
      throw new AssertionError("written byte by byte");
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      writing.countDown();
      try {
        released.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      taken.write(b, off, len);
    }
  }

  /** A socket whose every write fails, as one whose peer is gone. */
  static OutputStream broken() {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("Broken pipe");
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        throw new IOException("Broken pipe");
      }
    };
  }
}
