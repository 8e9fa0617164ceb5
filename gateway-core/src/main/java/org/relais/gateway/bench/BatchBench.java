package org.relais.gateway.bench;

import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.relais.gateway.Gateway;

/**
 * {@code relais bench batch [N] [--send]}: a batch of N bills streamed as NDJSON to the HTTP API
 * of a gateway bound to the local SMSC simulator: how fast it is read, checked, rendered and
 * staged, and the most heap the process used meanwhile (run with a small {@code -Xmx} through
 * RELAIS_JAVA_OPTS to see that the body is not held). With {@code --send}, it then waits until
 * every recipient is submitted and prints the rate and the most batch messages queued at once.
 */
public final class BatchBench {

  private static final String TOKEN = "bench-sender-token";

  private BatchBench() {}

  public static int run(List<String> args) throws Exception {
    List<String> rest = new ArrayList<>(args);
    boolean send = rest.remove("--send");
    int n = rest.isEmpty() ? 1_000_000 : Integer.parseInt(rest.getFirst());
    PrintStream out = System.out;
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    out.printf("relais bench batch: %,d recipients streamed as NDJSON%s; heap at most %d MB%n", n,
        send ? ", then sent" : "", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    out.println(BenchOptions.machine());
    Map<String, String> settings = Map.of("RELAIS_SMPP_WINDOW", "200", "RELAIS_SMPP_TPS", "100000",
        "RELAIS_API_TOKENS", TOKEN + ":sender");
    try (BenchGateway bench = BenchGateway.start(settings, quietless())) {
      Gateway gateway = bench.gateway();
      AtomicLong peakHeap = new AtomicLong();
      Lines body = new Lines(n);
      long start = System.nanoTime();
      Thread sampler = Thread.ofVirtual().start(() -> {
        try {
          for (long i = 1; ; i++) {
            peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
            Thread.sleep(20);
            if (i % 100 == 0) {
              out.printf("  t=%ds lines sent by the client %,d, recipients staged %,d, heap %d MB%n",
                  (System.nanoTime() - start) / 1_000_000_000L, body.next, bench.number("SELECT COUNT(*) FROM batch_recipients"),
                  memory.getHeapMemoryUsage().getUsed() / (1024 * 1024));
            }
          }
        } catch (Exception e) {
          Thread.currentThread().interrupt();
        }
      });
      try {
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        Response r = post(gateway.httpPort(), body);
        long read = System.nanoTime() - start;
        if (r.status() != 202) {
          out.println("refused: " + r.status() + " " + r.body());
          return 1;
        }
        out.printf("read, checked, staged: %,d recipients (%.1f MB) in %.1f s: %,.0f recipients/s, %.1f MB/s%n", n,
            body.bytes / 1e6, read / 1e9, n / (read / 1e9), body.bytes / 1e6 / (read / 1e9));
        out.printf("heap: %.0f MB used before, at most %.0f MB while reading (the body is %.0f MB)%n", before / 1e6,
            peakHeap.get() / 1e6, body.bytes / 1e6);
        if (send) {
          long maxQueued = 0;
          long sendStart = System.nanoTime();
          while (true) {
            long[] queuedAndSent = bench.numbers("SELECT TOTAL(state = 'queued'), TOTAL(state <> 'queued')"
                + " FROM messages WHERE batch_id IS NOT NULL");
            maxQueued = Math.max(maxQueued, queuedAndSent[0]);
            if (queuedAndSent[1] >= n) {
              break;
            }
            Thread.sleep(50);
          }
          double s = (System.nanoTime() - sendStart) / 1e9;
          out.printf("sent: %,d submitted in %.1f s (%,.0f/s); at most %,d batch messages queued at once"
              + " (notifications.release_ahead)%n", n, s, n / s, maxQueued);
        }
        return 0;
      } finally {
        sampler.interrupt();
      }
    }
  }

  /** A clock at noon in Tunis today, so the quiet hours of bills never hold the benchmark. */
  private static java.time.Clock quietless() {
    java.time.ZoneId tunis = java.time.ZoneId.of("Africa/Tunis");
    java.time.Instant noon = java.time.LocalDate.now(tunis).atTime(12, 0).atZone(tunis).toInstant();
    return java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.between(java.time.Instant.now(), noon));
  }

  /** An HTTP answer: its status and body. */
  private record Response(int status, String body) {}

  /**
   * Sends the batch over a plain socket, chunked, with blocking writes: the client writes only
   * as fast as the server reads (TCP's own backpressure), and holds one chunk.
   */
  private static Response post(int port, InputStream body) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 65_536);
      out.write(("POST /api/v1/batches?template=bill HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
          + "\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = new byte[32_768];
      for (int k; (k = body.read(chunk, 0, chunk.length)) > 0; ) {
        out.write((Integer.toHexString(k) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(chunk, 0, k);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      int status = Integer.parseInt(in.readLine().split(" ")[1]);
      int length = 0;
      for (String header; !(header = in.readLine()).isEmpty(); ) {
        if (header.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(header.substring(15).trim());
        }
      }
      char[] text = new char[length];
      int got = 0;
      while (got < length) {
        int k = in.read(text, got, length - got);
        if (k < 0) {
          break;
        }
        got += k;
      }
      return new Response(status, new String(text, 0, got));
    }
  }

  /** NDJSON bills made as they are read: the client holds one line. */
  private static final class Lines extends InputStream {
    private final int total;
    private volatile int next;
    private byte[] line = new byte[0];
    private int at;
    private long bytes;

    Lines(int total) {
      this.total = total;
    }

    private boolean fill() {
      if (at < line.length) {
        return true;
      }
      if (next == total) {
        return false;
      }
      next++;
      String language = next % 3 == 0 ? "ar" : next % 3 == 1 ? "fr" : "en";
      line = ("{\"to\":\"+2162" + String.format("%07d", next) + "\",\"language\":\"" + language
          + "\",\"params\":{\"account\":\"A-" + next + "\",\"period\":\"10/2026\",\"amount\":" + (next % 500) + "."
          + (next % 100) + ",\"due_date\":\"15/12/2026\"},\"reference\":\"INV-" + next + "\"}\n")
          .getBytes(StandardCharsets.UTF_8);
      at = 0;
      bytes += line.length;
      return true;
    }

    @Override
    public int read() {
      return fill() ? line[at++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      int done = 0;
      while (done < len && fill()) {
        int k = Math.min(len - done, line.length - at);
        System.arraycopy(line, at, b, off + done, k);
        at += k;
        done += k;
      }
      return done == 0 ? -1 : done;
    }
  }
}
