package org.relais.ivr.engine;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.relais.ivr.flow.Prompt;

/**
 * A {@link Call} that answers from a script: each read takes the next entry ("" is silence, a
 * trailing # is the terminator key), each recording takes the next entry as the seconds spoken,
 * and the caller hangs up when the script runs out (or at a "HANGUP" entry). It records what was
 * played, the variables set and the reads asked for.
 */
public final class ScriptedCall implements Call {

  private final String caller;
  private final Deque<String> keys;
  private final List<String> played = new ArrayList<>();
  private final List<Collect> reads = new ArrayList<>();
  private final Map<String, String> variables = new LinkedHashMap<>();
  private final boolean async;
  private boolean broken;
  private boolean hungUp;
  private int recordings;

  private ScriptedCall(String caller, List<String> keys, boolean async) {
    this.caller = caller;
    this.keys = new ArrayDeque<>(keys);
    this.async = async;
  }

  /** A call whose every read fails with an error that is not a hangup (Relais's fault). */
  public static ScriptedCall broken(String caller) {
    ScriptedCall call = new ScriptedCall(caller, List.of(), false);
    call.broken = true;
    return call;
  }

  /** Answers at once, as a stage already complete. */
  public static ScriptedCall of(String caller, String... keys) {
    return new ScriptedCall(caller, List.of(keys), false);
  }

  /** Answers later, on another thread, as a live call does. */
  public static ScriptedCall later(String caller, String... keys) {
    return new ScriptedCall(caller, List.of(keys), true);
  }

  @Override
  public String caller() {
    return caller;
  }

  @Override
  public String id() {
    return "1795343783.2";
  }

  @Override
  public CompletionStage<Optional<Character>> play(Prompt prompt, String escapeDigits) {
    played.add(prompt.key() + "/" + prompt.language());
    return answer(Optional.empty());
  }

  @Override
  public CompletionStage<Input> read(Prompt prompt, Collect collect) {
    played.add(prompt.key() + "/" + prompt.language());
    reads.add(collect);
    if (broken) {
      return CompletableFuture.failedFuture(new IllegalStateException("the prompt server broke"));
    }
    String next = keys.poll();
    if (next == null || next.equals("HANGUP")) {
      return hangUpNow();
    }
    Input.Stop stop = Input.Stop.TIMEOUT;
    String digits = next;
    int end = -1;
    for (int i = 0; i < next.length() && end < 0; i++) {
      if (collect.terminators().indexOf(next.charAt(i)) >= 0) {
        end = i;
      }
    }
    if (end >= 0 && end < collect.maxDigits()) {
      digits = next.substring(0, end);
      stop = Input.Stop.TERMINATOR;
    } else if (next.length() >= collect.maxDigits()) {
      digits = next.substring(0, collect.maxDigits());
      stop = Input.Stop.MAX_DIGITS;
    }
    return answer(new Input(digits, stop));
  }

  @Override
  public CompletionStage<Recording> record(RecordRequest request) {
    played.add("(record " + request.label() + ")");
    String next = keys.poll();
    if (next == null || next.equals("HANGUP")) {
      return hangUpNow();
    }
    int seconds = next.isEmpty() ? 0 : Integer.parseInt(next);
    return answer(new Recording("/var/spool/asterisk/relais/" + id() + "-" + request.label() + "-" + ++recordings,
        Duration.ofSeconds(seconds)));
  }

  @Override
  public CompletionStage<Void> setVariable(String name, String value) {
    variables.put(name, value);
    return answer(null);
  }

  @Override
  public CompletionStage<Void> hangup() {
    hungUp = true;
    return answer(null);
  }

  private <T> CompletionStage<T> hangUpNow() {
    return async ? CompletableFuture.supplyAsync(() -> {
      throw new CallerHungUp();
    }) : CompletableFuture.failedFuture(new CallerHungUp());
  }

  private <T> CompletionStage<T> answer(T value) {
    return async ? CompletableFuture.supplyAsync(() -> value) : CompletableFuture.completedFuture(value);
  }

  public List<String> played() {
    return played;
  }

  public List<Collect> reads() {
    return reads;
  }

  public Map<String, String> variables() {
    return variables;
  }

  public boolean hungUp() {
    return hungUp;
  }
}
