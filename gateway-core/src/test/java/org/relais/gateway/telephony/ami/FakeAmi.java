package org.relais.gateway.telephony.ami;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An Asterisk Manager for tests, over a real socket, answering as the captures show: the banner,
 * Login (checking the secret), Ping, QueueSummary (from {@link #queue}), Originate (Async: Success
 * then an OriginateResponse with the Reason set per number, or a synchronous Error), Logoff. It
 * can drop every connection, stay unreachable, leave calls ringing, or stop answering, to test
 * reconnection and keepalive.
 */
public final class FakeAmi implements AutoCloseable {

  private final ServerSocket server;
  private final String secret;
  private final AtomicInteger logins = new AtomicInteger();
  private final AtomicInteger pings = new AtomicInteger();
  private final List<Map<String, String>> actions = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final Map<String, int[]> queues = new ConcurrentHashMap<>();
  private final Map<String, Integer> reasons = new ConcurrentHashMap<>();
  private final Map<String, String> refusals = new ConcurrentHashMap<>();
  private volatile boolean mute;
  private volatile boolean ringing;
  private volatile boolean unreachable;

  public FakeAmi(String secret) throws IOException {
    this.secret = secret;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "fake-ami-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Sets a queue's state: agents logged in and available, callers waiting, average hold and talk times (s). */
  public FakeAmi queue(String name, int loggedIn, int available, int callers, int holdTime, int talkTime) {
    queues.put(name, new int[] {loggedIn, available, callers, holdTime, talkTime});
    return this;
  }

  /** The OriginateResponse Reason for calls whose Channel contains {@code number} (4, answered, by default). */
  public FakeAmi reason(String number, int reason) {
    reasons.put(number, reason);
    return this;
  }

  /** Refuses Originates whose Channel contains {@code number} at once, with {@code message}. */
  public FakeAmi refuse(String number, String message) {
    refusals.put(number, message);
    return this;
  }

  /** Stops answering anything (a hung Asterisk). */
  public void mute(boolean on) {
    mute = on;
  }

  /** While on, Originates are queued but their outcome is never told: the calls ring until the connection drops. */
  public void ringing(boolean on) {
    ringing = on;
  }

  /** While on, every connection is dropped and new ones are closed at once (Asterisk down). */
  public void unreachable(boolean on) throws IOException {
    unreachable = on;
    if (on) {
      dropAll();
    }
  }

  public int logins() {
    return logins.get();
  }

  public int pings() {
    return pings.get();
  }

  /** Every action received, as its fields (the last value of a repeated key). */
  public List<Map<String, String>> actions() {
    return actions;
  }

  public List<Map<String, String>> actions(String name) {
    return actions.stream().filter(a -> name.equalsIgnoreCase(a.get("Action"))).toList();
  }

  /** Closes every connection, as an Asterisk restart does. */
  public void dropAll() throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
    sockets.clear();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        if (unreachable) {
          s.close();
          continue;
        }
        sockets.add(s);
        Thread t = new Thread(() -> serve(s), "fake-ami");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      OutputStream out = socket.getOutputStream();
      write(out, "Asterisk Call Manager/12.0.0");
      boolean loggedIn = false;
      Map<String, String> action;
      while ((action = readPacket(in)) != null) {
        actions.add(action);
        if (mute) {
          continue;
        }
        String id = action.getOrDefault("ActionID", "");
        String name = action.getOrDefault("Action", "");
        if (name.equalsIgnoreCase("Login")) {
          if (!secret.equals(action.get("Secret"))) {
            write(out, "Response: Error", "ActionID: " + id, "Message: Authentication failed", "");
            return;
          }
          loggedIn = true;
          logins.incrementAndGet();
          write(out, "Response: Success", "ActionID: " + id, "Message: Authentication accepted", "",
              "Event: FullyBooted", "Privilege: system,all", "Uptime: 61", "LastReload: 61", "Status: Fully Booted", "");
        } else if (!loggedIn) {
          write(out, "Response: Error", "ActionID: " + id, "Message: Permission denied", "");
        } else if (name.equalsIgnoreCase("Ping")) {
          pings.incrementAndGet();
          write(out, "Response: Success", "ActionID: " + id, "Ping: Pong", "Timestamp: 1795343831.313824", "");
        } else if (name.equalsIgnoreCase("QueueSummary")) {
          queueSummary(out, id, action.get("Queue"));
        } else if (name.equalsIgnoreCase("Originate")) {
          originate(out, id, action);
        } else if (name.equalsIgnoreCase("Logoff")) {
          write(out, "Response: Goodbye", "ActionID: " + id, "Message: Thanks for all the fish.", "");
          return;
        } else {
          write(out, "Response: Error", "ActionID: " + id, "Message: Invalid/unknown command: " + name, "");
        }
      }
    } catch (IOException e) {
      // dropped
    }
  }

  private void queueSummary(OutputStream out, String id, String queue) throws IOException {
    List<String> lines = new ArrayList<>(List.of("Response: Success", "ActionID: " + id, "EventList: start",
        "Message: Queue summary will follow", ""));
    int[] q = queues.get(queue);
    if (q != null) {
      lines.addAll(List.of("Event: QueueSummary", "Queue: " + queue, "LoggedIn: " + q[0], "Available: " + q[1],
          "Callers: " + q[2], "HoldTime: " + q[3], "TalkTime: " + q[4], "LongestHoldTime: " + q[3], "ActionID: " + id,
          ""));
    }
    lines.addAll(List.of("Event: QueueSummaryComplete", "ActionID: " + id, "EventList: Complete",
        "ListItems: " + (q == null ? 0 : 1), ""));
    write(out, lines.toArray(String[]::new));
  }

  private void originate(OutputStream out, String id, Map<String, String> action) throws IOException {
    String channel = action.getOrDefault("Channel", "");
    for (Map.Entry<String, String> r : refusals.entrySet()) {
      if (channel.contains(r.getKey())) {
        write(out, "Response: Error", "ActionID: " + id, "Message: " + r.getValue(), "");
        return;
      }
    }
    if (ringing) {
      write(out, "Response: Success", "ActionID: " + id, "Message: Originate successfully queued", "");
      return;
    }
    int reason = reasons.entrySet().stream().filter(e -> channel.contains(e.getKey())).map(Map.Entry::getValue)
        .findFirst().orElse(4);
    write(out, "Response: Success", "ActionID: " + id, "Message: Originate successfully queued", "",
        "Event: Newchannel", "Privilege: call,all", "Channel: " + channel + "-00000001;1", "Uniqueid: "
            + action.getOrDefault("ChannelId", ""), "",
        "Event: OriginateResponse", "Privilege: call,all", "ActionID: " + id,
        "Response: " + (reason == 4 ? "Success" : "Failure"), "Channel: " + channel, "Context: "
            + action.get("Context"), "Exten: " + action.get("Exten"), "Reason: " + reason, "Uniqueid: "
            + (reason == 4 ? action.getOrDefault("ChannelId", "") : "<unknown>"), "CallerIDNum: <unknown>",
        "CallerIDName: <unknown>", "");
  }

  private static void write(OutputStream out, String... lines) throws IOException {
    StringBuilder b = new StringBuilder();
    for (String l : lines) {
      b.append(l).append("\r\n");
    }
    out.write(b.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static Map<String, String> readPacket(BufferedReader in) throws IOException {
    Map<String, String> fields = new LinkedHashMap<>();
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isEmpty()) {
        if (!fields.isEmpty()) {
          return fields;
        }
        continue;
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    server.close();
    dropAll();
  }
}
