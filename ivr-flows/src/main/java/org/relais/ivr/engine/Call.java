package org.relais.ivr.engine;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.relais.ivr.flow.Prompt;

/**
 * The engine's view of a live call. Every operation completes later (the caller is listening or
 * pressing keys) and fails with {@link CallerHungUp} once the caller is gone.
 */
public interface Call {

  /** The caller's number as the network gave it, or an empty string when withheld. */
  String caller();

  /** Plays a prompt; completes with the key that interrupted it, if one of {@code escapeDigits} was pressed. */
  CompletionStage<Optional<Character>> play(Prompt prompt, String escapeDigits);

  /** Plays a prompt and reads up to {@code maxDigits} keys, waiting {@code timeout} for each. */
  CompletionStage<Input> read(Prompt prompt, int maxDigits, Duration timeout);

  /** Sets a channel variable (how the route goes back to the dialplan). */
  CompletionStage<Void> setVariable(String name, String value);
}
