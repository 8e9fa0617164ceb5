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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays Asterisk's side of captured AMI connections over a real socket: it writes what Asterisk
 * wrote, waits for each packet the client sent in the capture, checks it is the same action, and
 * answers with the client's own ActionID where Asterisk answered the captured one.
 */
final class AmiReplayServer implements AutoCloseable {

  private final ServerSocket server;
  private final List<AmiTranscript.Connection> scripts;
  private final AtomicInteger accepted = new AtomicInteger();
  private final List<String> faults = new CopyOnWriteArrayList<>();
  private final List<String> actionsSeen = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  AmiReplayServer(List<AmiTranscript.Connection> scripts) throws IOException {
    this.scripts = scripts;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "ami-replay-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  int connections() {
    return accepted.get();
  }

  /** What did not go as captured; empty when the client did what the captured client did. */
  List<String> faults() {
    return faults;
  }

  /** Every packet the client sent, one line per packet ({@code Action ActionID}). */
  List<String> actionsSeen() {
    return actionsSeen;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        sockets.add(s);
        int n = accepted.getAndIncrement();
        AmiTranscript.Connection script = scripts.get(Math.min(n, scripts.size() - 1));
        Thread t = new Thread(() -> serve(s, script), "ami-replay-" + n);
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket, AmiTranscript.Connection script) {
    try (socket) {
      socket.setSoTimeout(20_000);
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      OutputStream out = socket.getOutputStream();
      Map<String, String> ids = new HashMap<>();
      List<AmiTranscript.Row> rows = script.rows();
      int i = 0;
      while (i < rows.size()) {
        if (rows.get(i).fromAsterisk()) {
          StringBuilder chunk = new StringBuilder();
          while (i < rows.size() && rows.get(i).fromAsterisk()) {
            chunk.append(rewrite(rows.get(i++).text(), ids)).append("\r\n");
          }
          out.write(chunk.toString().getBytes(StandardCharsets.UTF_8));
          out.flush();
        } else {
          List<String> captured = new ArrayList<>();
          while (i < rows.size() && !rows.get(i).fromAsterisk()) {
            String text = rows.get(i++).text();
            if (text.isEmpty()) {
              break;
            }
            captured.add(text);
          }
          List<String> sent = readPacket(in);
          if (sent == null) {
            faults.add(script.title() + ": the client closed before sending " + value(captured, "Action"));
            return;
          }
          actionsSeen.add(value(sent, "Action") + " " + value(sent, "ActionID"));
          if (!value(captured, "Action").equalsIgnoreCase(value(sent, "Action"))) {
            faults.add(script.title() + ": expected Action " + value(captured, "Action") + ", got " + sent);
            return;
          }
          ids.put(value(captured, "ActionID"), value(sent, "ActionID"));
        }
      }
      if (!script.closedByAsterisk()) {
        while (readPacket(in) != null) {
          // keep the connection open until the client closes it
        }
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  private static String rewrite(String line, Map<String, String> ids) {
    if (line.startsWith("ActionID: ")) {
      String ours = ids.get(line.substring("ActionID: ".length()));
      return ours == null ? line : "ActionID: " + ours;
    }
    return line;
  }

  private static List<String> readPacket(BufferedReader in) throws IOException {
    List<String> lines = new ArrayList<>();
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isEmpty()) {
        if (!lines.isEmpty()) {
          return lines;
        }
        continue;
      }
      lines.add(line);
    }
    return null;
  }

  private static String value(List<String> lines, String key) {
    for (String l : lines) {
      if (l.regionMatches(true, 0, key + ":", 0, key.length() + 1)) {
        return l.substring(key.length() + 1).trim();
      }
    }
    return "";
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
  }
}
