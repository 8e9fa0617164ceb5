package org.relais.ivr.engine;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** What the gateway provides to flows: here, the language each caller chose last time. */
public interface FlowServices {

  /** The language the caller chose before, if any. */
  CompletionStage<Optional<String>> knownLanguage(String caller);

  /** Remembers the caller's language for the next call (and for SMS replies). */
  CompletionStage<Void> rememberLanguage(String caller, String language);

  /** Services that remember nothing, for tests and the terminal console. */
  static FlowServices none() {
    return new FlowServices() {
      @Override
      public CompletionStage<Optional<String>> knownLanguage(String caller) {
        return java.util.concurrent.CompletableFuture.completedFuture(Optional.empty());
      }

      @Override
      public CompletionStage<Void> rememberLanguage(String caller, String language) {
        return java.util.concurrent.CompletableFuture.completedFuture(null);
      }
    };
  }
}
