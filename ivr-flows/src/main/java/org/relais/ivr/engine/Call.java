package org.relais.ivr.engine;

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

  /** An id unique to this call (Asterisk's uniqueid), so that what the call creates is created once. */
  String id();

  /** Plays a prompt; completes with the key that interrupted it, if one of {@code escapeDigits} was pressed. */
  CompletionStage<Optional<Character>> play(Prompt prompt, String escapeDigits);

  /** Plays a prompt and collects keys as {@code collect} says (keys pressed during the prompt count). */
  CompletionStage<Input> read(Prompt prompt, Collect collect);

  /** Records the caller after a beep until silence, the # key or the longest duration. */
  CompletionStage<Recording> record(RecordRequest request);

  /** Sets a channel variable (how the route goes back to the dialplan). */
  CompletionStage<Void> setVariable(String name, String value);

  /** Hangs the call up. */
  CompletionStage<Void> hangup();

  /**
   * True once the caller is known to be gone, even while no operation runs (a hangup during a
   * look-up): the engine then stops before the next node rather than running nodes that send nothing.
   */
  default boolean callerGone() {
    return false;
  }
}
