package org.relais.sms.smpp;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.InterfaceVersion;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.connection.ConnectionFactory;
import org.jsmpp.session.connection.socket.SocketConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMPP session of a bind and its life: connect and bind, watch the peer (jSMPP sends
 * enquire_link after {@code enquire_link} of silence and drops the link when it goes unanswered;
 * on top of that, a link silent for {@code dead_peer_timeout} is dropped), then bind again after a
 * delay that doubles from {@code reconnect_min} to {@code reconnect_max} with ±50 % jitter.
 */
final class SessionLink {

  /** What the session is bound as. */
  enum Role {
    TRX(BindType.BIND_TRX), TX(BindType.BIND_TX), RX(BindType.BIND_RX);

    private final BindType bindType;

    Role(BindType bindType) {
      this.bindType = bindType;
    }

    boolean sends() {
      return this != RX;
    }
  }

  /** Told when the session is bound and when it is lost. */
  interface Listener {
    void bound(SessionLink link);

    void lost(SessionLink link, EsmeSession session);
  }

  private static final Logger log = LoggerFactory.getLogger(SessionLink.class);

  private final BindConfig config;
  private final Role role;
  private final InboundHandler inbound;
  private final Listener listener;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile EsmeSession session;
  private volatile BindState state = BindState.DISCONNECTED;
  private volatile CountDownLatch bound = new CountDownLatch(1);
  private volatile boolean running;
  private volatile String lastFailure;

  SessionLink(BindConfig config, Role role, InboundHandler inbound, Listener listener) {
    this.config = config;
    this.role = role;
    this.inbound = inbound;
    this.listener = listener;
  }

  Role role() {
    return role;
  }

  BindState state() {
    return state;
  }

  /** Why the last bind attempt failed, or null. */
  String lastFailure() {
    return lastFailure;
  }

  /** The session while bound, else null. */
  EsmeSession session() {
    EsmeSession s = session;
    return s != null && s.getSessionState().isBound() ? s : null;
  }

  boolean awaitBound(Duration timeout) throws InterruptedException {
    return bound.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && state == BindState.BOUND;
  }

  /** Runs the connect loop on the calling thread until {@link #stop}. */
  void run() {
    running = true;
    ConnectionFactory connections;
    try {
      connections = connections();
    } catch (IOException e) {
      lastFailure = e.getMessage();
      log.error("bind {}: {}", config.name(), e.getMessage());
      state = BindState.STOPPED;
      return;
    }
    Duration delay = config.reconnectMin();
    while (running) {
      state = BindState.CONNECTING;
      EsmeSession s = new EsmeSession(connections, new InboundTap(inbound, role != Role.TX), config.responseTimeout());
      s.setEnquireLinkTimer((int) Math.min(Integer.MAX_VALUE, config.enquireLink().toMillis()));
      s.setPduProcessorDegree(Math.max(2, Math.min(8, config.window() / 16)));
      s.setQueueCapacity(Math.max(1000, config.window() * 4));
      CountDownLatch closed = new CountDownLatch(1);
      s.addSessionStateListener((newState, oldState, source) -> {
        if (newState == SessionState.CLOSED || newState == SessionState.UNBOUND) {
          closed.countDown();
        }
      });
      try {
        s.connectAndBind(config.host(), config.port(), bindParameter(), config.responseTimeout().toMillis());
      } catch (IOException e) {
        lastFailure = describe(e);
        logBindFailure(e);
        s.close();
        if (!pause(jitter(delay))) {
          return;
        }
        delay = delay.multipliedBy(2).compareTo(config.reconnectMax()) > 0 ? config.reconnectMax() : delay.multipliedBy(2);
        continue;
      }
      if (!running) {
        s.unbindAndClose();
        return;
      }
      session = s;
      lastFailure = null;
      delay = config.reconnectMin();
      state = BindState.BOUND;
      log.info("bind {} ({}) bound to {}:{} as {}", config.name(), role.name().toLowerCase(), config.host(),
          config.port(), config.systemId());
      bound.countDown();
      listener.bound(this);
      watch(s, closed);
      bound = new CountDownLatch(1);
      session = null;
      if (running) {
        state = BindState.DISCONNECTED;
      }
      s.close();
      listener.lost(this, s);
      if (running) {
        log.warn("bind {} ({}): connection to {}:{} lost; binding again", config.name(), role.name().toLowerCase(),
            config.host(), config.port());
        if (!pause(jitter(config.reconnectMin()))) {
          return;
        }
      }
    }
  }

  /** Waits for the session to close; closes it when the peer has been silent past the dead-peer timeout. */
  private void watch(EsmeSession s, CountDownLatch closed) {
    long deadPeerMs = config.deadPeerTimeout().toMillis();
    long check = Math.max(50, Math.min(1000, deadPeerMs / 4));
    try {
      while (!closed.await(check, TimeUnit.MILLISECONDS)) {
        if (!running) {
          s.unbindAndClose();
          return;
        }
        long silent = System.currentTimeMillis() - s.getLastActivityTimestamp();
        if (running && silent > deadPeerMs) {
          log.warn("bind {} ({}): nothing from the SMSC for {} ms; dropping the connection", config.name(),
              role.name().toLowerCase(), silent);
          s.close();
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Unbinds (waiting up to the response timeout for unbind_resp) and ends the connect loop. */
  void stop() {
    running = false;
    state = BindState.UNBINDING;
    stopped.countDown();
    EsmeSession s = session;
    if (s != null) {
      s.unbindAndClose();
    }
    state = BindState.STOPPED;
  }

  private boolean pause(Duration d) {
    try {
      return !stopped.await(d.toMillis(), TimeUnit.MILLISECONDS) && running;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private ConnectionFactory connections() throws IOException {
    return config.tls() ? TlsConnections.trusting(config.tlsTrust()) : SocketConnectionFactory.getInstance();
  }

  private BindParameter bindParameter() {
    InterfaceVersion version = config.interfaceVersion().equals("3.3") ? InterfaceVersion.IF_33 : InterfaceVersion.IF_34;
    return new BindParameter(role.bindType, config.systemId(), config.password(), config.systemType(),
        TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, config.addressRange(), version);
  }

  private static String describe(IOException e) {
    if (e.getCause() instanceof NegativeResponseException n) {
      return "bind refused with " + CommandStatus.name(n.getCommandStatus());
    }
    return e.getMessage();
  }

  private void logBindFailure(IOException e) {
    String who = config.name() + " (" + role.name().toLowerCase() + ")";
    if (e.getCause() instanceof NegativeResponseException n && n.getCommandStatus() == CommandStatus.ESME_RALYBND) {
      log.warn("bind {}: the SMSC says we are still bound (ESME_RALYBND); binding again once its old session ends", who);
    } else if (e.getCause() instanceof NegativeResponseException n) {
      log.warn("bind {}: bind refused with {}", who, CommandStatus.name(n.getCommandStatus()));
    } else {
      log.warn("bind {}: cannot bind to {}:{}: {}", who, config.host(), config.port(), e.getMessage());
    }
  }

  static Duration jitter(Duration base) {
    long ms = Math.max(1, base.toMillis());
    return Duration.ofMillis(ms / 2 + ThreadLocalRandom.current().nextLong(ms + 1));
  }
}
