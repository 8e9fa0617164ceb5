package org.relais.gateway.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * Asterisk's side of FastAGI, for load: each call sends an {@code agi_*} block, then answers every
 * command the server sends (the next scripted key to GET DATA and WAIT FOR DIGIT, a played sound to
 * STREAM FILE, success to the rest) until the server closes the connection. A held call waits
 * before answering its first command until it is released. The time from an answer to the next
 * command (the server's turnaround) is recorded in microseconds.
 */
public final class AgiLoad {

  /** How a call ended: the RELAIS_ROUTE it was given (null if none), and whether it failed. */
  public record Result(String route, boolean failed, String error) {}

  private final Vertx vertx;
  private final NetClient client;
  private final String host;
  private final int port;
  private final List<String> keys;
  private final Recorder turnaround;
  private final AtomicLong ids = new AtomicLong();

  /** @param keys the key answered to each successive GET DATA (a digit, or "" for silence) */
  public AgiLoad(Vertx vertx, String host, int port, List<String> keys, Recorder turnaround) {
    this.vertx = vertx;
    this.client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(10_000).setTcpNoDelay(true));
    this.host = host;
    this.port = port;
    this.keys = List.copyOf(keys);
    this.turnaround = turnaround;
  }

  /**
   * Places one call to {@code flow}; {@code held} completes when the call is waiting on its first
   * command, and the call goes on once {@code release} completes (null: at once).
   */
  public Future<Result> call(String flow, String caller, Promise<Void> held, Future<Void> release) {
    Promise<Result> done = Promise.promise();
    client.connect(port, host).onComplete(ar -> {
      if (ar.failed()) {
        if (held != null) {
          held.tryFail(ar.cause());
        }
        done.tryComplete(new Result(null, true, "connect: " + ar.cause().getMessage()));
        return;
      }
      new SimCall(ar.result(), held, release, done).start(flow, caller);
    });
    return done.future();
  }

  public Future<Void> close() {
    return client.close();
  }

  /** One simulated channel. Touched only by the event loop of its socket. */
  private final class SimCall {
    private final NetSocket socket;
    private final Promise<Void> held;
    private final Future<Void> release;
    private final Promise<Result> done;
    private int key;
    private int commands;
    private long sentAt;
    private String route;
    private boolean hungUp;

    SimCall(NetSocket socket, Promise<Void> held, Future<Void> release, Promise<Result> done) {
      this.socket = socket;
      this.held = held;
      this.release = release;
      this.done = done;
    }

    void start(String flow, String caller) {
      socket.handler(RecordParser.newDelimited("\n", b -> command(b.toString(StandardCharsets.UTF_8)))
          .maxRecordSize(8192));
      socket.exceptionHandler(e -> done.tryComplete(new Result(route, true, e.getMessage())));
      socket.closeHandler(v -> {
        if (held != null) {
          held.tryFail("closed before its first command");
        }
        done.tryComplete(new Result(route, route == null, route == null ? "closed without a route" : null));
      });
      long id = ids.incrementAndGet();
      String env = "agi_network: yes\nagi_network_script: " + flow + "\nagi_request: agi://" + host + ":" + port + "/"
          + flow + "\nagi_channel: Local/" + id + "@load-00000001;1\nagi_language: fr\nagi_type: Local\n"
          + "agi_uniqueid: 1795343783." + id + "\nagi_version: 23.4.1\nagi_callerid: " + caller
          + "\nagi_calleridname: Load\nagi_context: relais-ivr\nagi_extension: s\nagi_priority: 4\n"
          + "agi_accountcode: \nagi_threadid: 1\nagi_arg_1: s\n\n";
      sentAt = System.nanoTime();
      socket.write(env);
    }

    private void command(String line) {
      long now = System.nanoTime();
      if (turnaround != null) {
        turnaround.recordValue(Math.max(1, (now - sentAt) / 1000));
      }
      if (commands++ == 0 && held != null) {
        held.tryComplete();
        release.onComplete(v -> answer(line));
        return;
      }
      answer(line);
    }

    private void answer(String line) {
      String upper = line.toUpperCase(Locale.ROOT);
      String reply;
      if (hungUp) {
        reply = "511 Command Not Permitted on a dead channel or intercept routine\n";
      } else if (upper.startsWith("GET DATA")) {
        String k = key < keys.size() ? keys.get(key++) : "";
        reply = k.isEmpty() ? "200 result= (timeout)\n" : "200 result=" + k + "\n";
      } else if (upper.startsWith("WAIT FOR DIGIT")) {
        String k = key < keys.size() ? keys.get(key++) : "";
        reply = "200 result=" + (k.isEmpty() ? 0 : (int) k.charAt(0)) + "\n";
      } else if (upper.startsWith("STREAM FILE")) {
        reply = "200 result=0 endpos=8000\n";
      } else if (upper.startsWith("SET VARIABLE")) {
        int at = line.indexOf("RELAIS_ROUTE");
        if (at >= 0) {
          route = line.substring(at + "RELAIS_ROUTE".length()).replace("\"", "").trim();
        }
        reply = "200 result=1\n";
      } else if (upper.startsWith("HANGUP")) {
        hungUp = true;
        reply = "200 result=1\nHANGUP\n";
      } else {
        reply = "200 result=0\n";
      }
      sentAt = System.nanoTime();
      socket.write(reply);
    }
  }
}
