package org.relais.ivr.engine;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.relais.ivr.flow.LookupService;

/**
 * What the gateway provides to flows: the caller's remembered language, look-ups, cases,
 * callback requests and the expected wait of a queue. Each answer completes later, on any thread.
 */
public interface FlowServices {

  /** The language the caller chose before, if any. */
  CompletionStage<Optional<String>> knownLanguage(String caller);

  /** Remembers the caller's language for the next call (and for SMS replies). */
  CompletionStage<Void> rememberLanguage(String caller, String language);

  /** Looks {@code key} up ({@code caller} for a look-up by the caller's number). */
  CompletionStage<LookupResult> lookup(LookupService service, String key);

  /** Opens a case; completes with the tracking number the citizen is given. */
  CompletionStage<String> openCase(CaseRequest request);

  /** Registers a callback request; completes with its id. */
  CompletionStage<String> registerCallback(CallbackRequest request);

  /** The expected wait in {@code queue}, or empty when it cannot be known now. */
  CompletionStage<Optional<Duration>> expectedWait(String queue);

  /** Services that remember nothing, find nothing and refuse cases and callbacks: for tests and benchmarks. */
  static FlowServices none() {
    return new FlowServices() {
      @Override
      public CompletionStage<Optional<String>> knownLanguage(String caller) {
        return CompletableFuture.completedFuture(Optional.empty());
      }

      @Override
      public CompletionStage<Void> rememberLanguage(String caller, String language) {
        return CompletableFuture.completedFuture(null);
      }

      @Override
      public CompletionStage<LookupResult> lookup(LookupService service, String key) {
        return CompletableFuture.completedFuture(new LookupResult.NotFound());
      }

      @Override
      public CompletionStage<String> openCase(CaseRequest request) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("no case service here"));
      }

      @Override
      public CompletionStage<String> registerCallback(CallbackRequest request) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("no callback service here"));
      }

      @Override
      public CompletionStage<Optional<Duration>> expectedWait(String queue) {
        return CompletableFuture.completedFuture(Optional.empty());
      }
    };
  }
}
