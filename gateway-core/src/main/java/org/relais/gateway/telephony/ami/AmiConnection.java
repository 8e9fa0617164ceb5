package org.relais.gateway.telephony.ami;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One AMI TCP connection: the banner, then actions written with their ActionID and their
 * responses matched back to them, whatever events come in between; a list action is complete at
 * its {@code EventList: Complete} event. Everything else goes to the event handler. Runs on one
 * Vert.x context; never blocks.
 */
final class AmiConnection implements AmiDecoder.Listener {

  private static final int MAX_LINE = 65_536;
  private static final int MAX_PACKET_LINES = 2_000;
  private static final int MAX_LIST_ITEMS = 50_000;

  /** An action waiting for its response (and, for a list, its events). */
  private static final class Pending {
    final String action;
    final boolean list;
    final Promise<AmiReply> promise = Promise.promise();
    final List<AmiPacket> items = new ArrayList<>();
    AmiPacket response;
    long timer = -1;

    Pending(String action, boolean list) {
      this.action = action;
      this.list = list;
    }
  }

  private final Vertx vertx;
  private final NetSocket socket;
  private final Duration actionTimeout;
  private final Consumer<AmiPacket> events;
  private final Consumer<String> onClose;
  private final Map<String, Pending> pending = new HashMap<>();
  private final Promise<String> banner = Promise.promise();
  private boolean closed;
  private String closeReason;

  private AmiConnection(Vertx vertx, NetSocket socket, Duration actionTimeout, Consumer<AmiPacket> events,
      Consumer<String> onClose) {
    this.vertx = vertx;
    this.socket = socket;
    this.actionTimeout = actionTimeout;
    this.events = events;
    this.onClose = onClose;
    AmiDecoder decoder = new AmiDecoder(this, MAX_PACKET_LINES, this::close);
    RecordParser parser = RecordParser.newDelimited("\n", b -> {
      if (!closed) {
        decoder.line(b.toString(StandardCharsets.UTF_8));
      }
    }).maxRecordSize(MAX_LINE);
    parser.exceptionHandler(e -> close("a line longer than " + MAX_LINE + " bytes"));
    socket.handler(parser);
    socket.exceptionHandler(e -> close("connection error: " + e.getMessage()));
    socket.closeHandler(v -> closed("closed by Asterisk"));
  }

  /** Connects and waits for the banner; completes with the connection. */
  static Future<AmiConnection> open(Vertx vertx, NetClient client, String host, int port, Duration actionTimeout,
      Consumer<AmiPacket> events, Consumer<String> onClose) {
    return client.connect(port, host).compose(socket -> {
      AmiConnection c = new AmiConnection(vertx, socket, actionTimeout, events, onClose);
      long timer = vertx.setTimer(actionTimeout.toMillis(), t -> c.close("no banner within " + actionTimeout.toMillis()
          + " ms"));
      return c.banner.future().onComplete(v -> vertx.cancelTimer(timer)).map(v -> c);
    });
  }

  @Override
  public void banner(String version) {
    banner.tryComplete(version);
  }

  /** Sends an action; completes with its response, or fails (refused, timed out, connection lost). */
  Future<AmiReply> send(AmiAction action, String actionId) {
    return send(action, actionId, false);
  }

  /** Sends a list action; completes with its response and events once its list is complete. */
  Future<AmiReply> sendList(AmiAction action, String actionId) {
    return send(action, actionId, true);
  }

  private Future<AmiReply> send(AmiAction action, String actionId, boolean list) {
    if (closed) {
      return Future.failedFuture(AmiException.notSent(closeReason));
    }
    Pending p = new Pending(action.name(), list);
    pending.put(actionId, p);
    p.timer = vertx.setTimer(actionTimeout.toMillis(), t -> {
      if (pending.remove(actionId) == p) {
        p.promise.tryFail(new AmiException(action.name() + ": no answer within " + actionTimeout.toMillis() + " ms",
            true));
      }
    });
    socket.write(action.encode(actionId));
    return p.promise.future();
  }

  @Override
  public void packet(AmiPacket packet) {
    String id = packet.actionId();
    Pending p = id == null ? null : pending.get(id);
    if (p != null && packet.isResponse()) {
      if ("Error".equalsIgnoreCase(packet.get("Response"))) {
        finish(id, p).tryFail(AmiException.refused(p.action, packet.get("Message")));
      } else if (p.list && "start".equalsIgnoreCase(packet.get("EventList"))) {
        p.response = packet;
      } else {
        finish(id, p).tryComplete(new AmiReply(packet, List.of()));
      }
      return;
    }
    if (p != null && p.list && p.response != null && packet.isEvent()) {
      if ("Complete".equalsIgnoreCase(packet.get("EventList"))) {
        finish(id, p).tryComplete(new AmiReply(p.response, p.items));
      } else if (p.items.size() < MAX_LIST_ITEMS) {
        p.items.add(packet);
      }
      return;
    }
    events.accept(packet);
  }

  private Promise<AmiReply> finish(String id, Pending p) {
    pending.remove(id);
    vertx.cancelTimer(p.timer);
    return p.promise;
  }

  boolean isClosed() {
    return closed;
  }

  /** Closes the connection; whatever waits fails (retryable). */
  void close(String reason) {
    if (!closed) {
      closed(reason);
      socket.close();
    }
  }

  private void closed(String reason) {
    if (closed) {
      return;
    }
    closed = true;
    closeReason = reason;
    banner.tryFail(AmiException.down(reason));
    List<Pending> waiting = new ArrayList<>(pending.values());
    pending.clear();
    for (Pending p : waiting) {
      vertx.cancelTimer(p.timer);
      p.promise.tryFail(AmiException.down(reason));
    }
    onClose.accept(reason);
  }
}
