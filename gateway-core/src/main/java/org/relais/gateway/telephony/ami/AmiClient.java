package org.relais.gateway.telephony.ami;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.relais.gateway.config.AmiConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relais's AMI client: keeps one connection logged in (reconnecting with a doubling backoff,
 * pinging it every {@code ami.keepalive}), and offers Originate (Async, our ActionID and ChannelId, the outcome from
 * {@code OriginateResponse}) and QueueSummary (reused for {@code ami.queue_cache}). Its methods may
 * be called from any thread; their futures complete on the client's context.
 */
public final class AmiClient extends VerticleBase {

  /** Where the connection stands. */
  public enum State { CONNECTING, CONNECTED, LOGIN_REFUSED, DISCONNECTED, STOPPED }

  private static final Logger log = LoggerFactory.getLogger(AmiClient.class);
  private static final Duration ORIGINATE_MARGIN = Duration.ofSeconds(15);

  private final AmiConfig config;
  private final AtomicLong ids = new AtomicLong();
  private final String idPrefix = "relais-" + Long.toString(System.nanoTime() & 0xffffff, 36) + "-";
  private final Map<String, Promise<OriginateResult>> originates = new HashMap<>();
  private final Map<String, Cached> queues = new HashMap<>();
  private final List<Consumer<AmiPacket>> listeners = new CopyOnWriteArrayList<>();
  private NetClient net;
  private AmiConnection connection;
  private long keepaliveTimer = -1;
  private long reconnectTimer = -1;
  private int failures;
  private volatile State state = State.CONNECTING;
  private volatile String lastError;
  private volatile long connections;

  private record Cached(long at, Future<Optional<QueueSummary>> summary) {}

  public AmiClient(AmiConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    net = vertx.createNetClient(new NetClientOptions().setConnectTimeout((int) config.actionTimeout().toMillis())
        .setTcpNoDelay(true));
    connect();
    return Future.succeededFuture();
  }

  public State state() {
    return state;
  }

  /** The last connection or login failure, for /health and logs; never carries the secret. */
  public String lastError() {
    return lastError;
  }

  /** How many connections were logged in since start. */
  public long connections() {
    return connections;
  }

  /**
   * Hands every event to {@code listener}, on the client's context, except the items of a list
   * action (they go to its reply). A response no action waits for (an answer that came after its
   * action timed out, or to an ActionID Relais never sent) is logged and handed over as well.
   */
  public void onEvent(Consumer<AmiPacket> listener) {
    listeners.add(listener);
  }

  private void connect() {
    reconnectTimer = -1;
    if (state != State.LOGIN_REFUSED) {
      state = State.CONNECTING;
    }
    AmiConnection.open(vertx, net, config.host(), config.port(), config.actionTimeout(), this::event, this::closed)
        .compose(this::login)
        .onSuccess(this::loggedIn)
        .onFailure(e -> {
          lastError = e.getMessage();
          if (state == State.CONNECTING) {
            state = State.DISCONNECTED;
          }
          log.warn("AMI {}:{}: {}", config.host(), config.port(), e.getMessage());
          scheduleReconnect();
        });
  }

  private Future<AmiConnection> login(AmiConnection c) {
    AmiAction login = AmiAction.of("Login").with("Username", config.username()).with("Secret", config.secret())
        .with("Events", "call,system");
    return c.send(login, nextId()).map(r -> c).recover(e -> {
      if (e instanceof AmiException ae && !ae.retryable()) {
        lastError = ae.getMessage();
        state = State.LOGIN_REFUSED;
      }
      c.close("login failed");
      return Future.failedFuture(e);
    });
  }

  private void loggedIn(AmiConnection c) {
    if (state == State.STOPPED) {
      c.close("stopped");
      return;
    }
    connection = c;
    failures = 0;
    lastError = null;
    connections++;
    state = State.CONNECTED;
    log.info("AMI connected to {}:{} as {}", config.host(), config.port(), config.username());
    keepaliveTimer = vertx.setPeriodic(config.keepalive().toMillis(), t -> ping(c));
  }

  private void ping(AmiConnection c) {
    if (c.isClosed()) {
      return;
    }
    c.send(AmiAction.of("Ping"), nextId()).onFailure(e -> c.close("no answer to Ping: " + e.getMessage()));
  }

  private void closed(String reason) {
    if (keepaliveTimer >= 0) {
      vertx.cancelTimer(keepaliveTimer);
      keepaliveTimer = -1;
    }
    boolean wasUp = state == State.CONNECTED;
    connection = null;
    queues.clear();
    Map<String, Promise<OriginateResult>> waiting = new HashMap<>(originates);
    originates.clear();
    waiting.values().forEach(p -> p.tryFail(AmiException.down("connection lost before the call's outcome")));
    if (wasUp) {
      state = State.DISCONNECTED;
      lastError = reason;
      log.warn("AMI connection lost: {}", reason);
      scheduleReconnect();
    }
  }

  private void scheduleReconnect() {
    if (state == State.STOPPED || reconnectTimer >= 0) {
      return;
    }
    long delay = delay(failures++);
    reconnectTimer = vertx.setTimer(delay, t -> connect());
  }

  /** The wait before reconnection attempt {@code failures + 1}: doubling from the minimum, never above the maximum. */
  long delay(int failures) {
    if (state == State.LOGIN_REFUSED) {
      return config.reconnectMax().toMillis();
    }
    long min = config.reconnectMin().toMillis();
    long d = failures >= 30 ? Long.MAX_VALUE : min << failures;
    return Math.min(d, config.reconnectMax().toMillis());
  }

  private void event(AmiPacket packet) {
    if (packet.isResponse()) {
      log.warn("AMI: a response to no waiting action (ActionID {}): {} {}", packet.actionId(), packet.get("Response"),
          packet.find("Message").orElse(""));
    }
    if ("OriginateResponse".equalsIgnoreCase(packet.event())) {
      Promise<OriginateResult> p = originates.remove(packet.actionId());
      if (p != null) {
        int reason = packet.number("Reason", 0);
        OriginateOutcome outcome = OriginateOutcome.of(packet.get("Response"), reason);
        p.tryComplete(new OriginateResult(outcome, "Reason " + reason, packet.get("Uniqueid")));
      }
    }
    for (Consumer<AmiPacket> l : listeners) {
      l.accept(packet);
    }
  }

  private String nextId() {
    return idPrefix + ids.incrementAndGet();
  }

  /** Sends an action on the connection; fails at once (retryable) when there is none. */
  public Future<AmiReply> send(AmiAction action) {
    return onContext(() -> connection == null ? down() : connection.send(action, nextId()));
  }

  /** Sends a list action; completes with its events once Asterisk says the list is complete. */
  public Future<AmiReply> sendList(AmiAction action) {
    return onContext(() -> connection == null ? down() : connection.sendList(action, nextId()));
  }

  /**
   * Places a call (Originate, Async) and completes with its outcome once Asterisk tells it. A
   * refusal ({@code Response: Error}) is a {@link OriginateOutcome#FAILED} outcome; a connection
   * lost before the outcome fails the future (retryable).
   */
  public Future<OriginateResult> originate(OriginateRequest request) {
    return onContext(() -> {
      if (connection == null) {
        return down();
      }
      String id = nextId();
      Promise<OriginateResult> outcome = Promise.promise();
      originates.put(id, outcome);
      long timer = vertx.setTimer(request.ringTimeout().plus(ORIGINATE_MARGIN).toMillis(), t -> {
        if (originates.remove(id) != null) {
          outcome.tryComplete(new OriginateResult(OriginateOutcome.FAILED, "no OriginateResponse", request.channelId()));
        }
      });
      outcome.future().onComplete(v -> vertx.cancelTimer(timer));
      connection.send(request.action(), id).onFailure(e -> {
        originates.remove(id);
        if (e instanceof AmiException ae && !ae.retryable()) {
          outcome.tryComplete(new OriginateResult(OriginateOutcome.FAILED, ae.getMessage(), request.channelId()));
        } else {
          outcome.tryFail(e);
        }
      });
      return outcome.future();
    });
  }

  /** The queue's state, reused for {@code ami.queue_cache}; empty when Asterisk knows no such queue. */
  public Future<Optional<QueueSummary>> queueSummary(String queue) {
    return onContext(() -> {
      long now = System.nanoTime();
      Cached cached = queues.get(queue);
      if (cached != null && (!cached.summary().isComplete() || now - cached.at() < config.queueCache().toNanos())) {
        return cached.summary();
      }
      Future<Optional<QueueSummary>> summary = connection == null ? down()
          : connection.sendList(AmiAction.of("QueueSummary").with("Queue", queue), nextId())
              .map(reply -> reply.items().stream()
                  .filter(p -> "QueueSummary".equalsIgnoreCase(p.event()) && queue.equals(p.get("Queue")))
                  .findFirst().map(QueueSummary::of));
      queues.put(queue, new Cached(now, summary));
      summary.onFailure(e -> queues.remove(queue));
      return summary;
    });
  }

  private static <T> Future<T> down() {
    return Future.failedFuture(AmiException.notSent("not connected"));
  }

  private <T> Future<T> onContext(Supplier<Future<T>> work) {
    if (context == null) {
      return Future.failedFuture(AmiException.notSent("not started"));
    }
    if (Vertx.currentContext() == context) {
      return work.get();
    }
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> work.get().onComplete(promise));
    return promise.future();
  }

  @Override
  public Future<?> stop() {
    state = State.STOPPED;
    if (reconnectTimer >= 0) {
      vertx.cancelTimer(reconnectTimer);
    }
    if (keepaliveTimer >= 0) {
      vertx.cancelTimer(keepaliveTimer);
    }
    AmiConnection c = connection;
    if (c == null) {
      return Future.succeededFuture();
    }
    return c.send(AmiAction.of("Logoff"), nextId()).otherwiseEmpty()
        .eventually(() -> {
          c.close("stopped");
          return Future.succeededFuture();
        });
  }
}
