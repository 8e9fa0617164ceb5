package org.relais.gateway.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.relais.ivr.flow.PromptCatalog;

/**
 * Plays Asterisk's side of a FastAGI call in a terminal: sends the {@code agi_*} block, lets
 * {@link ConsoleAsterisk} answer each command (prompts printed as their texts, keys and recordings
 * typed by the person) and prints where the call was routed.
 */
public final class CallConsole {

  private final PromptCatalog prompts;
  private final BufferedReader keys;
  private final PrintStream out;

  public CallConsole(PromptCatalog prompts, BufferedReader keys, PrintStream out) {
    this.prompts = prompts;
    this.keys = keys;
    this.out = out;
  }

  /** Runs one call; returns the route set (RELAIS_ROUTE), or null when the call ended without one. */
  public String call(String host, int port, String flow, String caller) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 3000);
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      Writer asterisk = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
      out.printf("Calling flow '%s' as %s (FastAGI %s:%d). Type the keys, then Enter.%n", flow,
          caller.isEmpty() ? "an unknown number" : caller, host, port);
      sendEnvironment(asterisk, host, port, flow, caller);
      ConsoleAsterisk console = new ConsoleAsterisk(prompts, keys, out);
      String line;
      while ((line = in.readLine()) != null) {
        for (String reply : console.answer(line)) {
          asterisk.write(reply + "\n");
        }
        asterisk.flush();
      }
      console.finish();
      String route = console.route();
      out.println(route == null ? "The call ended without a route." : describe(route));
      return route;
    }
  }

  private void sendEnvironment(Writer w, String host, int port, String flow, String caller) throws IOException {
    String[][] env = {
      {"network", "yes"}, {"network_script", flow}, {"request", "agi://" + host + ":" + port + "/" + flow},
      {"channel", "Console/relais-" + ProcessHandle.current().pid()}, {"language", "fr"}, {"type", "Console"},
      {"uniqueid", System.currentTimeMillis() / 1000 + "." + System.nanoTime() % 1000}, {"version", "23.4.1"},
      {"callerid", caller.isEmpty() ? "unknown" : caller}, {"calleridname", "Console"}, {"callingpres", "0"},
      {"callingani2", "0"}, {"callington", "0"}, {"callingtns", "0"}, {"dnid", "unknown"}, {"rdnis", "unknown"},
      {"context", "relais-ivr"}, {"extension", "s"}, {"priority", "4"}, {"enhanced", "0.0"}, {"accountcode", ""},
      {"threadid", "1"}, {"arg_1", "s"},
    };
    StringBuilder block = new StringBuilder();
    for (String[] kv : env) {
      block.append("agi_").append(kv[0]).append(": ").append(kv[1]).append('\n');
    }
    w.write(block.append('\n').toString());
    w.flush();
  }

  static String describe(String route) {
    if (route.startsWith("queue:")) {
      return "Routed to queue " + route.substring(6) + ".";
    }
    if (route.startsWith("exten:")) {
      return "Routed to extension " + route.substring(6) + ".";
    }
    return route.equals("hangup") ? "Relais ended the call." : "Route: " + route;
  }

  /** Splits an AGI command line into words, reading double-quoted words with their escapes. */
  static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    boolean inWord = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '\\' && i + 1 < line.length()) {
          word.append(line.charAt(++i));
        } else if (c == '"') {
          quoted = false;
        } else {
          word.append(c);
        }
      } else if (c == '"') {
        quoted = true;
        inWord = true;
      } else if (c == ' ') {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
