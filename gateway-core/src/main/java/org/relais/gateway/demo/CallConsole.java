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
import java.util.Locale;
import org.relais.ivr.flow.PromptCatalog;

/**
 * Plays Asterisk's side of a FastAGI call in a terminal: sends the {@code agi_*} block, prints each
 * prompt as its text, reads the keys the person types (a line; Enter alone is silence; end of input
 * hangs up) and prints where the call was routed.
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
      String route = null;
      boolean hungUp = false;
      String line;
      while ((line = in.readLine()) != null) {
        List<String> words = words(line);
        if (words.isEmpty()) {
          continue;
        }
        String reply;
        if (hungUp) {
          reply = line.startsWith("SET VARIABLE") || line.startsWith("VERBOSE") || line.startsWith("GET VARIABLE")
              ? "200 result=1" : "511 Command Not Permitted on a dead channel or intercept routine";
        } else {
          String verb = (words.get(0) + (words.size() > 1 ? " " + words.get(1) : "")).toUpperCase(Locale.ROOT);
          reply = switch (verb) {
            case "STREAM FILE" -> {
              say(words.get(2));
              yield "200 result=0 endpos=8000";
            }
            case "GET DATA" -> {
              say(words.get(2));
              int max = words.size() > 4 ? Integer.parseInt(words.get(4)) : 1024;
              String typed = prompt(max);
              if (typed == null) {
                hungUp = true;
                yield "200 result=-1";
              }
              yield typed.isEmpty() ? "200 result= (timeout)" : "200 result=" + typed;
            }
            case "SET VARIABLE" -> {
              if (words.get(2).equals("RELAIS_ROUTE")) {
                route = words.get(3);
              }
              yield "200 result=1";
            }
            default -> words.get(0).equalsIgnoreCase("ANSWER") || words.get(0).equalsIgnoreCase("VERBOSE")
                ? "200 result=" + (words.get(0).equalsIgnoreCase("ANSWER") ? 0 : 1)
                : "510 Invalid or unknown command";
          };
        }
        asterisk.write(reply + "\n");
        if (hungUp) {
          asterisk.write("HANGUP\n");
        }
        asterisk.flush();
      }
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

  private void say(String sound) {
    String text = prompts.findBySound(sound).map(p -> p.text()).orElse("(" + sound + ")");
    out.println("  <<  " + text);
  }

  private String prompt(int max) throws IOException {
    out.print("  >>  keys" + (max == 1 ? "" : " (up to " + max + ")") + ": ");
    out.flush();
    String line = keys.readLine();
    if (line == null) {
      out.println("(hang up)");
      return null;
    }
    String digits = line.replaceAll("[^0-9*#]", "");
    String keys = digits.length() > max ? digits.substring(0, max) : digits;
    if (System.console() == null) {
      out.println(keys.isEmpty() ? "(none)" : keys);
    }
    return keys;
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
