package org.relais.gateway.telephony.agi;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.util.Map;
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
  private static final long ENVIRONMENT_TIMEOUT_MS = 10_000;

  private final AgiConfig config;
  private final AgiHandler handler;
  private final AtomicInteger active;
  private NetServer server;
  private boolean shareRandomPort;

  /**
   * @param active shared by every instance of the server, counts the calls in progress
   */
  public AgiServer(AgiConfig config, Map<String, Flow> flows, FlowEngine engine, CallLog callLog, Metrics metrics,
      AtomicInteger active) {
    this(config, new FlowHandler(config, flows, engine, callLog, metrics), active);
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
    return server.listen().onSuccess(s -> log.info("FastAGI server listening on {}:{}", config.host(), s.actualPort()));
  }

  /** The port the server listens on (the one chosen when configured as 0). */
  public int actualPort() {
    return server.actualPort();
  }

  private void onConnect(NetSocket socket) {
    active.incrementAndGet();
    AgiSession session = new AgiSession(vertx, new AgiSession.Wire() {
      @Override
      public void write(String line) {
        socket.write(line + "\n");
      }

      @Override
      public void close() {
        socket.close();
      }
    }, config.commandTimeout());
    RecordParser parser = RecordParser.newDelimited("\n", buffer -> session.onLine(buffer.toString()))
        .maxRecordSize(config.maxLine());
    parser.exceptionHandler(e -> session.close("a line longer than " + config.maxLine() + " bytes"));
    socket.handler(parser);
    socket.exceptionHandler(e -> session.close("connection error: " + e.getMessage()));
    long environmentTimer = vertx.setTimer(ENVIRONMENT_TIMEOUT_MS, t -> {
      if (!session.environment().isComplete()) {
        session.close("no AGI environment within " + ENVIRONMENT_TIMEOUT_MS / 1000 + " s");
      }
    });
    long callTimer = vertx.setTimer(config.callTimeout().toMillis(),
        t -> session.close("call longer than agi.call_timeout"));
    socket.closeHandler(v -> {
      session.onClosed();
      vertx.cancelTimer(callTimer);
      vertx.cancelTimer(environmentTimer);
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

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
