package org.relais.gateway.telephony.agi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Asterisk's side of a FastAGI connection, for tests: it connects, writes lines (whole, or cut in
 * random fragments to check the server reassembles them), and reads the server's commands.
 */
final class FakeAsterisk implements AutoCloseable {

  private final Socket socket;
  private final BufferedReader in;
  private final OutputStream out;
  private final boolean fragmented;
  private final Random random = new Random(42);

  FakeAsterisk(int port, boolean fragmented) throws IOException {
    this.socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    socket.setTcpNoDelay(true);
    this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    this.out = socket.getOutputStream();
    this.fragmented = fragmented;
  }

  /** Writes lines, each ended by a bare newline, as Asterisk does. */
  void send(List<String> lines) throws IOException {
    StringBuilder all = new StringBuilder();
    lines.forEach(l -> all.append(l).append('\n'));
    write(all.toString().getBytes(StandardCharsets.UTF_8));
  }

  void send(String... lines) throws IOException {
    send(List.of(lines));
  }

  void write(byte[] bytes) throws IOException {
    if (!fragmented) {
      out.write(bytes);
      out.flush();
      return;
    }
    int i = 0;
    while (i < bytes.length) {
      int n = Math.min(bytes.length - i, 1 + random.nextInt(7));
      out.write(bytes, i, n);
      out.flush();
      i += n;
      try {
        Thread.sleep(random.nextInt(2));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The next command from the server, or null once it closed the connection. */
  String readCommand() throws IOException {
    return in.readLine();
  }

  /** True when the server closes the connection within {@code ms} (reading nothing more). */
  boolean closedWithin(long ms) throws IOException {
    socket.setSoTimeout((int) ms);
    try {
      String line = in.readLine();
      if (line != null) {
        throw new AssertionError("expected the server to close, got: " + line);
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (java.net.SocketException e) {
      return true;
    }
  }

  void hangUpSocket() throws IOException {
    socket.close();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** A plausible agi_* block for a call to {@code script} from {@code caller}. */
  static List<String> environment(String script, String caller) {
    return List.of(
        "agi_network: yes", "agi_network_script: " + script, "agi_request: agi://127.0.0.1:4573/" + script,
        "agi_channel: Local/1@test-caller-00000001;1", "agi_language: fr", "agi_type: Local",
        "agi_uniqueid: 1795343783.2", "agi_version: 23.4.1", "agi_callerid: " + caller, "agi_calleridname: Citizen",
        "agi_callingpres: 0", "agi_callingani2: 0", "agi_callington: 0", "agi_callingtns: 0", "agi_dnid: unknown",
        "agi_rdnis: unknown", "agi_context: relais-ivr", "agi_extension: s", "agi_priority: 4", "agi_enhanced: 0.0",
        "agi_accountcode: ", "agi_threadid: 140606070204096", "agi_arg_1: s", "agi_arg_2: default", "");
  }
}
