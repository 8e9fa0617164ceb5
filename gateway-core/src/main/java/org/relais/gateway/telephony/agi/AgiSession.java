package org.relais.gateway.telephony.agi;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.relais.ivr.engine.CallerHungUp;

/**
 * The FastAGI conversation of one call, line by line: first the {@code agi_*} block up to its blank
 * line, then one command at a time and its reply. Asterisk's own {@code HANGUP} line may come at
 * any point, even between a command and its reply; a line that fits nowhere closes this call.
 * Once that line has come, the call is over for Relais: nothing more is sent (Asterisk would still
 * answer some commands with 200 on the dead channel, which would hide the hangup), the reply still
 * awaited fails with {@link CallerHungUp}, and when no command is awaited the connection is closed
 * at once, since Asterisk keeps the channel's dialplan thread waiting until the server closes.
 * Its time limits (the environment, each command, the whole call) are deadlines that the server
 * checks with one periodic sweep, rather than timers of its own: a held call costs less memory.
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

  private static final int MAX_ENV_LINES = 200;
  /**
   * The {@code agi_*} keys Relais keeps (the others are read and dropped: a held call should cost
   * little memory), as constants so that each call shares them.
   */
  private static final Map<String, String> KEPT = keys("network_script", "callerid", "uniqueid", "arg_1", "arg_2",
      "arg_3", "arg_4", "arg_5", "arg_6", "arg_7", "arg_8", "arg_9");

  private final Wire wire;
  private final LongSupplier nanoTime;
  private final long commandTimeoutNanos;
  private final long environmentDeadline;
  private final long callDeadline;
  private final Promise<AgiEnvironment> environment = Promise.promise();
  private Map<String, String> env = new HashMap<>();
  private int envLines;
  private Promise<AgiReply> pending;
  private List<String> usage;
  private long commandDeadline = Long.MAX_VALUE;
  private boolean hungUp;
  private boolean closed;
  private String closeReason;

  AgiSession(Wire wire, Duration environmentTimeout, Duration commandTimeout, Duration callTimeout) {
    this(wire, environmentTimeout, commandTimeout, callTimeout, System::nanoTime);
  }

  /** @param nanoTime the clock deadlines are set by ({@link System#nanoTime()}, or a test's own) */
  AgiSession(Wire wire, Duration environmentTimeout, Duration commandTimeout, Duration callTimeout,
      LongSupplier nanoTime) {
    long now = nanoTime.getAsLong();
    this.nanoTime = nanoTime;
    this.wire = wire;
    this.commandTimeoutNanos = commandTimeout.toNanos();
    this.environmentDeadline = now + environmentTimeout.toNanos();
    this.callDeadline = now + callTimeout.toNanos();
  }

  /** True when a deadline has passed at {@code now}. */
  boolean isLate(long now) {
    return !closed && (now - callDeadline > 0 || pending != null && now - commandDeadline > 0
        || !environment.future().isComplete() && now - environmentDeadline > 0);
  }

  /** Closes the call when a deadline has passed at {@code now} ({@link System#nanoTime()}). */
  void checkDeadlines(long now) {
    if (closed) {
      return;
    }
    if (!environment.future().isComplete() && now - environmentDeadline > 0) {
      close("no AGI environment in time");
    } else if (pending != null && now - commandDeadline > 0) {
      close("no reply to a command within " + commandTimeoutNanos / 1_000_000_000 + " s");
    } else if (now - callDeadline > 0) {
      close("call longer than agi.call_timeout");
    }
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
   * gone before it is sent (Asterisk's {@code HANGUP} line has come, or a 511), without sending it,
   * and with {@link AgiFailure} when the connection fails.
   */
  Future<AgiReply> send(String command) {
    if (hungUp) {
      return Future.failedFuture(new CallerHungUp());
    }
    if (closed) {
      return Future.failedFuture(new AgiFailure("connection closed: " + closeReason));
    }
    if (pending != null) {
      return Future.failedFuture(new IllegalStateException("a command is already waiting for its reply"));
    }
    pending = Promise.promise();
    Future<AgiReply> reply = pending.future();
    commandDeadline = nanoTime.getAsLong() + commandTimeoutNanos;
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
      if (pending == null) {
        close("caller hung up");
      }
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
      if (envLines == 0) {
        close("empty AGI environment");
      } else {
        Map<String, String> read = env;
        env = null;
        environment.complete(new AgiEnvironment(read));
      }
      return;
    }
    int colon = environmentKeyEnd(line);
    if (colon < 0 || ++envLines > MAX_ENV_LINES) {
      close("not an AGI environment line: " + printable(line));
      return;
    }
    String key = KEPT.get(line.substring(4, colon));
    if (key != null) {
      int start = colon + 1 < line.length() && line.charAt(colon + 1) == ' ' ? colon + 2 : colon + 1;
      env.put(key, line.substring(start));
    }
  }

  /**
   * Where the colon after the key of {@code agi_<key>: <value>} is ({@code <key>} of lower-case
   * letters, digits and underscores), or -1 when the line is not of that form.
   */
  static int environmentKeyEnd(String line) {
    if (!line.startsWith("agi_") || AgiReply.hasLineBreak(line)) {
      return -1;
    }
    int i = 4;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == ':') {
        return i > 4 ? i : -1;
      }
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
        return -1;
      }
      i++;
    }
    return -1;
  }

  private static Map<String, String> keys(String... names) {
    Map<String, String> m = new HashMap<>();
    for (String n : names) {
      m.put(n, n);
    }
    return Map.copyOf(m);
  }

  /** Hands the reply over; when Asterisk's HANGUP line came while it was awaited, the caller is gone whatever it says. */
  private void complete(AgiReply reply) {
    Promise<AgiReply> p = pending;
    pending = null;
    commandDeadline = Long.MAX_VALUE;
    if (hungUp) {
      p.fail(new CallerHungUp());
      return;
    }
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

  private static String printable(String line) {
    String cut = line.length() > 60 ? line.substring(0, 60) + "…" : line;
    return AgiCommands.clean(cut);
  }
}
