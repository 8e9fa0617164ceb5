package org.relais.gateway.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.relais.ivr.flow.Prompt;
import org.relais.ivr.flow.PromptCatalog;

/**
 * Answers AGI commands as Asterisk would, with a person at a terminal as the caller: prompts are
 * printed as their texts (a number read back digit by digit on one line), keys are read a line at
 * a time (Enter alone is silence, end of input hangs up), and a recording is a line of what the
 * person says.
 */
final class ConsoleAsterisk {

  private static final String DEAD = "511 Command Not Permitted on a dead channel or intercept routine";

  private final PromptCatalog prompts;
  private final BufferedReader keys;
  private final PrintStream out;
  private final Map<String, String> recordings = new HashMap<>();
  private final StringBuilder digitsSaid = new StringBuilder();
  private String pending = "";
  private boolean hungUp;
  private String route;

  ConsoleAsterisk(PromptCatalog prompts, BufferedReader keys, PrintStream out) {
    this.prompts = prompts;
    this.keys = keys;
    this.out = out;
  }

  boolean hungUp() {
    return hungUp;
  }

  /** The RELAIS_ROUTE the flow set, or null. */
  String route() {
    return route;
  }

  /** The reply lines to one command (a hangup adds Asterisk's own HANGUP line). */
  List<String> answer(String line) throws IOException {
    List<String> words = CallConsole.words(line);
    if (words.isEmpty()) {
      return List.of();
    }
    String verb = words.get(0).toUpperCase(Locale.ROOT) + (words.size() > 1 ? " " + words.get(1).toUpperCase(Locale.ROOT) : "");
    if (verb.startsWith("SET VARIABLE")) {
      if (words.size() > 3 && words.get(2).equals("RELAIS_ROUTE")) {
        route = words.get(3);
      } else if (words.size() > 3) {
        say("(for the agent: " + words.get(2) + " = " + words.get(3) + ")");
      }
      return List.of("200 result=1");
    }
    if (hungUp) {
      return List.of(verb.startsWith("VERBOSE") || verb.startsWith("GET VARIABLE") ? "200 result=1" : DEAD);
    }
    return switch (verb) {
      case "STREAM FILE" -> {
        play(words.get(2));
        yield List.of("200 result=0 endpos=8000");
      }
      case "GET DATA" -> getData(words);
      case "WAIT FOR" -> waitForDigit();
      case "RECORD FILE" -> record(words.get(2));
      case "HANGUP" -> {
        flushDigits();
        hungUp = true;
        yield List.of("200 result=1", "HANGUP");
      }
      default -> switch (words.get(0).toUpperCase(Locale.ROOT)) {
        case "ANSWER" -> List.of("200 result=0");
        case "CHANNEL" -> List.of("200 result=6");
        case "VERBOSE" -> List.of("200 result=1");
        case "EXEC" -> {
          say(words.size() > 2 ? words.get(2) : "(" + words.get(1) + ")");
          yield List.of("200 result=0");
        }
        default -> List.of("510 Invalid or unknown command");
      };
    };
  }

  /** Reads a line of keys; up to {@code max} are taken (stopping at #), the rest wait for WAIT FOR DIGIT. */
  private List<String> getData(List<String> words) throws IOException {
    play(words.get(2));
    int max = words.size() > 4 ? Integer.parseInt(words.get(4)) : 1024;
    String typed = readKeys(max);
    if (typed == null) {
      return hangUp("200 result=-1");
    }
    int hash = typed.indexOf('#');
    String taken = typed.substring(0, hash >= 0 && hash < max ? hash : Math.min(max, typed.length()));
    pending = typed.substring(Math.min(typed.length(), taken.length() + (hash == taken.length() ? 1 : 0)));
    boolean timedOut = hash < 0 && taken.length() < max;
    return List.of(timedOut ? "200 result=" + taken + " (timeout)" : "200 result=" + taken);
  }

  /** The next key already typed, or, when none waits, a new line of keys. */
  private List<String> waitForDigit() throws IOException {
    if (pending.isEmpty()) {
      String typed = readKeys(32);
      if (typed == null) {
        return hangUp("200 result=-1");
      }
      pending = typed;
      if (typed.isEmpty()) {
        return List.of("200 result=0");
      }
    }
    char c = pending.charAt(0);
    pending = pending.substring(1);
    return List.of("200 result=" + (int) c);
  }

  private List<String> record(String file) throws IOException {
    flushDigits();
    out.print("  >>  (speak after the beep: type what you say, then Enter): ");
    out.flush();
    String said = keys.readLine();
    if (said == null) {
      out.println("(hang up)");
      return hangUp("200 result=-1 (hangup) endpos=0");
    }
    if (System.console() == null) {
      out.println(said.isBlank() ? "(silence)" : said);
    }
    recordings.put(file, said);
    long samples = said.isBlank() ? 0 : 8000L * Math.max(2, said.length() / 12);
    return List.of("200 result=35 (dtmf) endpos=" + samples);
  }

  private List<String> hangUp(String reply) {
    hungUp = true;
    return List.of(reply, "HANGUP");
  }

  /** Prints a prompt; the digits of a number read back gather on one line. */
  private void play(String sound) {
    Prompt prompt = prompts.findBySound(sound).orElse(null);
    if (prompt != null && prompt.key().startsWith("digit-") && prompt.key().length() == 7) {
      digitsSaid.append(prompt.key().charAt(6));
      return;
    }
    if (recordings.containsKey(sound)) {
      say("(your recording: \"" + recordings.get(sound) + "\")");
      return;
    }
    say(prompt == null ? "(" + sound + ")" : prompt.text());
  }

  private void say(String text) {
    flushDigits();
    out.println("  <<  " + text);
  }

  private void flushDigits() {
    if (!digitsSaid.isEmpty()) {
      out.println("  <<  " + String.join(" ", digitsSaid.chars().mapToObj(c -> String.valueOf((char) c)).toList()));
      digitsSaid.setLength(0);
    }
  }

  /** A line of keys (0-9, * and #), or null when the input ended. */
  private String readKeys(int max) throws IOException {
    flushDigits();
    out.print("  >>  keys" + (max == 1 ? "" : " (up to " + max + ", # to end)") + ": ");
    out.flush();
    String line = keys.readLine();
    if (line == null) {
      out.println("(hang up)");
      return null;
    }
    String typed = line.replaceAll("[^0-9*#]", "");
    if (System.console() == null) {
      out.println(typed.isEmpty() ? "(none)" : typed);
    }
    return typed;
  }

  void finish() {
    flushDigits();
  }
}
