package org.relais.gateway.telephony.agi;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.relais.gateway.config.AgiConfig;
import org.relais.gateway.metrics.Metrics;
import org.relais.gateway.telephony.CallLog;
import org.relais.ivr.engine.FlowEngine;
import org.relais.ivr.flow.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FastAGI server: each connection is one call, read line by line and served by the flow named
 * in its {@code agi_network_script}. An unknown flow sends the caller to the operator queue. Several
 * instances share the port, one per event loop; each call stays on the event loop that accepted it.
 */
public final class AgiServer extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(AgiServer.class);
  private static final Duration ENVIRONMENT_TIMEOUT = Duration.ofSeconds(10);
  /** How often deadlines are checked: a time limit is kept to within this. */
  private static final long SWEEP_MS = 250;

  private final AgiConfig config;
  private final AgiHandler handler;
  private final AtomicInteger active;
  private final Set<AgiSession> sessions = new HashSet<>();
  private NetServer server;
  private boolean shareRandomPort;
  private long sweeper = -1;

  /**
   * @param active shared by every instance of the server, counts the calls in progress
   */
  public AgiServer(AgiConfig config, Map<String, Flow> flows, FlowEngine engine, CallLog callLog, Metrics metrics,
      AtomicInteger active) {
    this(config, new FlowHandler(config, flows, engine, callLog, metrics), active);
  }

  /**
   * A server that also runs the {@code alert} script of alert calls, playing sounds under
   * {@code soundPrefix} and recording confirmations with {@code confirm} (alert id, number).
   */
  public AgiServer(AgiConfig config, Map<String, Flow> flows, FlowEngine engine, CallLog callLog, Metrics metrics,
      AtomicInteger active, String soundPrefix,
      java.util.function.BiFunction<String, String, Future<Boolean>> confirm) {
    this(config, scripts(new FlowHandler(config, flows, engine, callLog, metrics),
        new AlertCallHandler(soundPrefix, confirm)), active);
  }

  private static AgiHandler scripts(AgiHandler flows, AgiHandler alert) {
    return (session, env, context) -> AlertCallHandler.SCRIPT.equals(env.script())
        ? alert.handle(session, env, context) : flows.handle(session, env, context);
  }

  AgiServer(AgiConfig config, AgiHandler handler, AtomicInteger active) {
    this.config = config;
    this.handler = handler;
    this.active = active;
  }

  /**
   * With port 0, every instance marked so listens on the same random port (Vert.x shares a
   * negative port among servers), instead of each on its own.
   */
  public AgiServer shareRandomPort() {
    shareRandomPort = true;
    return this;
  }

  @Override
  public Future<?> start() {
    NetServerOptions options = new NetServerOptions()
        .setHost(config.host())
        .setPort(config.port() == 0 && shareRandomPort ? -1 : config.port())
        .setAcceptBacklog(config.backlog())
        .setTcpNoDelay(true);
    server = vertx.createNetServer(options).connectHandler(this::onConnect);
    sweeper = vertx.setPeriodic(SWEEP_MS, t -> sweep());
    return server.listen().onSuccess(s -> log.info("FastAGI server listening on {}:{}", config.host(), s.actualPort()));
  }

  /** The port the server listens on (the one chosen when configured as 0). */
  public int actualPort() {
    return server.actualPort();
  }

  private void onConnect(NetSocket socket) {
    active.incrementAndGet();
    AgiSession session = new AgiSession(new AgiSession.Wire() {
      @Override
      public void write(String line) {
        socket.write(line + "\n");
      }

      @Override
      public void close() {
        socket.close();
      }
    }, ENVIRONMENT_TIMEOUT, config.commandTimeout(), config.callTimeout());
    sessions.add(session);
    RecordParser parser = RecordParser.newDelimited("\n", buffer -> session.onLine(buffer.toString()))
        .maxRecordSize(config.maxLine());
    parser.exceptionHandler(e -> session.close("a line longer than " + config.maxLine() + " bytes"));
    socket.handler(parser);
    socket.exceptionHandler(e -> session.close("connection error: " + e.getMessage()));
    socket.closeHandler(v -> {
      session.onClosed();
      sessions.remove(session);
      active.decrementAndGet();
    });
    session.environment()
        .compose(env -> handler.handle(session, env, context))
        .onComplete(done -> {
          if (done.failed()) {
            log.warn("FastAGI connection dropped: {}", done.cause().getMessage());
          }
          session.close("flow done");
        });
  }

  /** Closes the calls whose environment, command or call deadline has passed. */
  private void sweep() {
    long now = System.nanoTime();
    List<AgiSession> late = new ArrayList<>();
    for (AgiSession s : sessions) {
      if (s.isLate(now)) {
        late.add(s);
      }
    }
    late.forEach(s -> s.checkDeadlines(now));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(sweeper);
    return server == null ? Future.succeededFuture() : server.close();
  }
}
