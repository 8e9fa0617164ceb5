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
 * A {@link Call} that answers from a script: each read takes the next keys ("" is silence), and
 * the caller hangs up when the script runs out (or at a "HANGUP" entry). It records what was played.
 */
public final class ScriptedCall implements Call {

  private final String caller;
  private final Deque<String> keys;
  private final List<String> played = new ArrayList<>();
  private final Map<String, String> variables = new LinkedHashMap<>();
  private final boolean async;
  private boolean broken;

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
  public CompletionStage<Optional<Character>> play(Prompt prompt, String escapeDigits) {
    played.add(prompt.key() + "/" + prompt.language());
    return answer(Optional.empty());
  }

  @Override
  public CompletionStage<Input> read(Prompt prompt, int maxDigits, Duration timeout) {
    played.add(prompt.key() + "/" + prompt.language());
    if (broken) {
      return CompletableFuture.failedFuture(new IllegalStateException("the prompt server broke"));
    }
    String next = keys.poll();
    if (next == null || next.equals("HANGUP")) {
      return async ? CompletableFuture.supplyAsync(() -> {
        throw new CallerHungUp();
      }) : CompletableFuture.failedFuture(new CallerHungUp());
    }
    String digits = next.length() > maxDigits ? next.substring(0, maxDigits) : next;
    return answer(new Input(digits, digits.length() < maxDigits));
  }

  @Override
  public CompletionStage<Void> setVariable(String name, String value) {
    variables.put(name, value);
    return answer(null);
  }

  private <T> CompletionStage<T> answer(T value) {
    return async ? CompletableFuture.supplyAsync(() -> value) : CompletableFuture.completedFuture(value);
  }

  public List<String> played() {
    return played;
  }

  public Map<String, String> variables() {
    return variables;
  }
}
