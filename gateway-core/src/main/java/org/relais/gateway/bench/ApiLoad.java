package org.relais.gateway.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.transport.Transport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Real HTTP/1.1 requests to {@code POST /api/v1/messages}, at most {@code concurrency} outstanding,
 * pipelined over {@code connections} kept-alive connections; records each one's accept latency
 * (request written to 202 read) and the parts the API announced.
 *
 * <p>The requests are encoded before the clock starts and the responses read with a few lines of
 * parsing, on one event loop of its own: the load generator shares the machine with the gateway,
 * and what it spends is taken from what is measured.
 */
final class ApiLoad {

  /**
   * What the load did: when its clock started ({@link System#nanoTime()}, once every connection
   * was open), how long until the last answer, the parts the API announced.
   */
  record Result(long startedAt, long acceptedNanos, long parts, Histogram latencyMicros, int refused) {}

  /** Requests encoded ahead of the run. */
  record Requests(List<Buffer> encoded) {}

  private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private final Vertx vertx;
  private final NetClient client;
  private final int port;
  private final String token;
  private final int connections;

  /** A load on one event loop of {@code transport}: the one the gateway it loads uses. */
  ApiLoad(int port, String token, int connections, Transport transport) {
    this.vertx = Vertx.builder().with(new VertxOptions().setEventLoopPoolSize(1)).withTransport(transport).build();
    this.port = port;
    this.token = token;
    this.connections = connections;
    this.client = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true).setConnectTimeout(10_000));
  }

  /** Encodes one request per message. */
  Requests prepare(List<String> texts, List<String> destinations) {
    List<Buffer> encoded = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      byte[] body = new JsonObject().put("to", destinations.get(i)).put("text", texts.get(i)).encode()
          .getBytes(StandardCharsets.UTF_8);
      String head = "POST /api/v1/messages HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + token
          + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
      encoded.add(Buffer.buffer(head.getBytes(StandardCharsets.US_ASCII)).appendBytes(body));
    }
    return new Requests(encoded);
  }

  Result send(Requests requests, int concurrency) throws Exception {
    Run run = new Run(requests.encoded(), Math.max(1, (concurrency + connections - 1) / connections));
    vertx.runOnContext(v -> run.start());
    long elapsed = run.finished.get(30, TimeUnit.MINUTES);
    return new Result(run.start, elapsed, run.parts, run.latency, run.refused);
  }

  /** The id of the load's one event loop thread (to tell its CPU from the gateway's). */
  long threadId() throws Exception {
    java.util.concurrent.CompletableFuture<Long> id = new java.util.concurrent.CompletableFuture<>();
    vertx.runOnContext(v -> id.complete(Thread.currentThread().threadId()));
    return id.get(10, TimeUnit.SECONDS);
  }

  void close() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  /** One pass over the requests; touched only by the load's event loop. */
  private final class Run {
    private final List<Buffer> requests;
    private final int depth;
    private final Histogram latency = new Histogram(60_000_000L, 3);
    private final CompletableFuture<Long> finished = new CompletableFuture<>();
    private int next;
    private int done;
    private int refused;
    private long parts;
    private long start;

    Run(List<Buffer> requests, int depth) {
      this.requests = requests;
      this.depth = depth;
    }

    /** Connects first, then starts the clock and the requests: the connects are not measured. */
    void start() {
      List<Future<NetSocket>> sockets = new ArrayList<>();
      for (int i = 0; i < connections; i++) {
        sockets.add(client.connect(port, "127.0.0.1"));
      }
      Future.all(sockets).onSuccess(all -> {
        start = System.nanoTime();
        List<Connection> open = new ArrayList<>();
        for (Future<NetSocket> socket : sockets) {
          open.add(new Connection(this, socket.result()));
        }
        open.forEach(Connection::pump);
        // Each run's connections are closed once it is over, before the next run starts.
        finished.whenComplete((elapsed, error) -> vertx.runOnContext(v -> open.forEach(Connection::close)));
      }).onFailure(finished::completeExceptionally);
    }

    void answered(long sentAt, int status, long announcedParts) {
      latency.recordValue(Math.min(60_000_000L, (System.nanoTime() - sentAt) / 1000));
      if (status == 202) {
        parts += announcedParts;
      } else {
        refused++;
      }
      if (++done == requests.size()) {
        finished.complete(System.nanoTime() - start);
      }
    }
  }

  /** A kept-alive connection with up to {@code depth} requests in flight, answered in order. */
  private static final class Connection {
    private final Run run;
    private final NetSocket socket;
    private final ArrayDeque<Long> inFlight = new ArrayDeque<>();
    private Buffer pending = Buffer.buffer();

    Connection(Run run, NetSocket socket) {
      this.run = run;
      this.socket = socket;
      socket.handler(this::read);
      socket.exceptionHandler(e -> run.finished.completeExceptionally(e));
      socket.closeHandler(v -> {
        if (!inFlight.isEmpty()) {
          run.finished.completeExceptionally(new IllegalStateException("the API closed a connection with "
              + inFlight.size() + " requests unanswered"));
        }
      });
    }

    void close() {
      socket.closeHandler(null);
      socket.close();
    }

    void pump() {
      while (inFlight.size() < run.depth && run.next < run.requests.size()) {
        Buffer request = run.requests.get(run.next++);
        inFlight.add(System.nanoTime());
        socket.write(request);
      }
    }

    private void read(Buffer data) {
      pending = pending.length() == 0 ? data : pending.appendBuffer(data);
      int offset = 0;
      while (true) {
        int headerEnd = indexOf(pending, HEADER_END, offset);
        if (headerEnd < 0) {
          break;
        }
        String head = pending.getString(offset, headerEnd, "US-ASCII");
        int length = contentLength(head);
        int end = headerEnd + HEADER_END.length + length;
        if (end > pending.length()) {
          break;
        }
        int status = Integer.parseInt(head.substring(9, 12));
        long announced = status == 202 ? partsOf(pending.getString(headerEnd + HEADER_END.length, end, "UTF-8")) : 0;
        Long sentAt = inFlight.poll();
        if (sentAt == null) {
          run.finished.completeExceptionally(new IllegalStateException("a response to no request: " + head));
          return;
        }
        run.answered(sentAt, status, announced);
        offset = end;
      }
      pending = offset == pending.length() ? Buffer.buffer() : pending.getBuffer(offset, pending.length());
      pump();
    }

    private static int contentLength(String head) {
      // By hand: a split on "\r\n" compiles a pattern per response, a cost the load would add
      // to the full path's measure.
      for (int start = 0; start < head.length(); ) {
        int end = head.indexOf("\r\n", start);
        if (end < 0) {
          end = head.length();
        }
        int colon = head.indexOf(':', start);
        if (colon > start && colon < end && head.substring(start, colon).trim().equalsIgnoreCase("content-length")) {
          return Integer.parseInt(head.substring(colon + 1, end).trim());
        }
        start = end + 2;
      }
      throw new IllegalStateException("a response without Content-Length: " + head);
    }

    private static long partsOf(String body) {
      int at = body.indexOf("\"parts\":");
      if (at < 0) {
        throw new IllegalStateException("a 202 without parts: " + body);
      }
      int i = at + 8;
      long n = 0;
      while (i < body.length() && Character.isDigit(body.charAt(i))) {
        n = n * 10 + (body.charAt(i++) - '0');
      }
      return n;
    }

    private static int indexOf(Buffer b, byte[] what, int from) {
      for (int i = from; i + what.length <= b.length(); i++) {
        int j = 0;
        while (j < what.length && b.getByte(i + j) == what[j]) {
          j++;
        }
        if (j == what.length) {
          return i;
        }
      }
      return -1;
    }
  }
}
