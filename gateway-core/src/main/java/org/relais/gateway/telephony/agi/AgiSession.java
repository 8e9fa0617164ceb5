package org.relais.gateway.telephony.agi;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.relais.ivr.engine.CallerHungUp;

/**
 * The FastAGI conversation of one call, line by line: first the {@code agi_*} block up to its blank
 * line, then one command at a time and its reply. Asterisk's own {@code HANGUP} line may come at
 * any point, even between a command and its reply; a line that fits nowhere closes this call.
 * Runs on one Vert.x context; never blocks.
 */
final class AgiSession {

  /** Where the session writes and how it closes its connection. */
  interface Wire {
    void write(String line);

    void close();
  }

  /** The AGI conversation went wrong (garbage, timeout, closed): the call is dropped. */
  static final class AgiFailure extends RuntimeException {
    AgiFailure(String message) {
      super(message, null, false, false);
    }
  }

  private static final Pattern ENV_LINE = Pattern.compile("agi_[a-z0-9_]+: ?.*");
  private static final int MAX_ENV_LINES = 200;

  private final Vertx vertx;
  private final Wire wire;
  private final Duration commandTimeout;
  private final Promise<AgiEnvironment> environment = Promise.promise();
  private final Map<String, String> env = new LinkedHashMap<>();
  private Promise<AgiReply> pending;
  private List<String> usage;
  private long timer = -1;
  private boolean hungUp;
  private boolean closed;
  private String closeReason;

  AgiSession(Vertx vertx, Wire wire, Duration commandTimeout) {
    this.vertx = vertx;
    this.wire = wire;
    this.commandTimeout = commandTimeout;
  }

  /** Completes when Asterisk has sent the whole {@code agi_*} block. */
  Future<AgiEnvironment> environment() {
    return environment.future();
  }

  boolean hungUp() {
    return hungUp;
  }

  boolean isClosed() {
    return closed;
  }

  String closeReason() {
    return closeReason;
  }

  /**
   * Sends a command; completes with its reply. Fails with {@link CallerHungUp} when the caller is
   * gone before it is sent, and with {@link AgiFailure} when the connection fails.
   */
  Future<AgiReply> send(String command) {
    if (closed) {
      return Future.failedFuture(hungUp ? new CallerHungUp() : new AgiFailure("connection closed: " + closeReason));
    }
    if (pending != null) {
      return Future.failedFuture(new IllegalStateException("a command is already waiting for its reply"));
    }
    pending = Promise.promise();
    Future<AgiReply> reply = pending.future();
    timer = vertx.setTimer(commandTimeout.toMillis(), t -> {
      timer = -1;
      close("no reply to a command within " + commandTimeout.toSeconds() + " s");
    });
    wire.write(command);
    return reply;
  }

  /** One line from Asterisk, without its terminator. */
  void onLine(String raw) {
    if (closed) {
      return;
    }
    String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
    if (!environment.future().isComplete()) {
      readEnvironment(line);
      return;
    }
    if (usage != null) {
      usage.add(line);
      if (line.startsWith(AgiReply.USAGE + " ")) {
        List<String> lines = usage;
        usage = null;
        complete(AgiReply.parse(lines));
      }
      return;
    }
    if (line.equals("HANGUP")) {
      hungUp = true;
      return;
    }
    if (pending == null || !AgiReply.isStatusLine(line)) {
      close("unexpected line from Asterisk: " + printable(line));
      return;
    }
    if (line.startsWith("100")) {
      return;
    }
    if (AgiReply.opensUsage(line)) {
      usage = new ArrayList<>(List.of(line));
      return;
    }
    complete(AgiReply.parse(List.of(line)));
  }

  private void readEnvironment(String line) {
    if (line.isEmpty()) {
      if (env.isEmpty()) {
        close("empty AGI environment");
      } else {
        environment.complete(new AgiEnvironment(env));
      }
      return;
    }
    if (!ENV_LINE.matcher(line).matches() || env.size() >= MAX_ENV_LINES) {
      close("not an AGI environment line: " + printable(line));
      return;
    }
    int colon = line.indexOf(':');
    String value = line.substring(colon + 1);
    env.put(line.substring(4, colon), value.startsWith(" ") ? value.substring(1) : value);
  }

  private void complete(AgiReply reply) {
    Promise<AgiReply> p = pending;
    pending = null;
    cancelTimer();
    if (reply.code() == AgiReply.DEAD_CHANNEL) {
      hungUp = true;
    }
    p.complete(reply);
  }

  /** Asterisk closed the connection (or it broke). */
  void onClosed() {
    if (!closed) {
      hungUp = true;
      finish("closed by Asterisk");
    }
  }

  /** Closes the connection; whatever waits fails. */
  void close(String reason) {
    if (!closed) {
      finish(reason);
      wire.close();
    }
  }

  private void finish(String reason) {
    closed = true;
    closeReason = reason;
    cancelTimer();
    RuntimeException failure = hungUp ? new CallerHungUp() : new AgiFailure(reason);
    if (!environment.future().isComplete()) {
      environment.fail(new AgiFailure(reason));
    }
    if (pending != null) {
      Promise<AgiReply> p = pending;
      pending = null;
      p.fail(failure);
    }
  }

  private void cancelTimer() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  private static String printable(String line) {
    String cut = line.length() > 60 ? line.substring(0, 60) + "…" : line;
    return AgiCommands.clean(cut);
  }
}
