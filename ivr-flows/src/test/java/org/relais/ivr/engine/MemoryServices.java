package org.relais.ivr.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.relais.ivr.flow.LookupService;

/** {@link FlowServices} in memory: languages, look-up answers, and the cases and callbacks asked for. */
class MemoryServices implements FlowServices {

  final Map<String, String> languages = new ConcurrentHashMap<>();
  final Map<String, Map<String, String>> found = new ConcurrentHashMap<>();
  final Map<String, Duration> waits = new ConcurrentHashMap<>();
  final List<CaseRequest> cases = new CopyOnWriteArrayList<>();
  final List<CallbackRequest> callbacks = new CopyOnWriteArrayList<>();
  volatile boolean broken;

  /** Answers {@code service} for {@code key} with {@code values}. */
  MemoryServices answer(LookupService service, String key, Map<String, String> values) {
    found.put(service.label() + ":" + key, values);
    return this;
  }

  @Override
  public CompletionStage<Optional<String>> knownLanguage(String caller) {
    return CompletableFuture.completedFuture(Optional.ofNullable(languages.get(caller)));
  }

  @Override
  public CompletionStage<Void> rememberLanguage(String caller, String language) {
    languages.put(caller, language);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletionStage<LookupResult> lookup(LookupService service, String key) {
    if (broken) {
      return CompletableFuture.failedFuture(new IllegalStateException("store down"));
    }
    Map<String, String> values = found.get(service.label() + ":" + key);
    return CompletableFuture.completedFuture(values == null ? new LookupResult.NotFound() : new LookupResult.Found(values));
  }

  @Override
  public CompletionStage<String> openCase(CaseRequest request) {
    if (broken) {
      return CompletableFuture.failedFuture(new IllegalStateException("store down"));
    }
    cases.add(request);
    return CompletableFuture.completedFuture("40213378");
  }

  @Override
  public CompletionStage<String> registerCallback(CallbackRequest request) {
    if (broken) {
      return CompletableFuture.failedFuture(new IllegalStateException("store down"));
    }
    callbacks.add(request);
    return CompletableFuture.completedFuture("cb-1");
  }

  @Override
  public CompletionStage<Optional<Duration>> expectedWait(String queue) {
    return CompletableFuture.completedFuture(Optional.ofNullable(waits.get(queue)));
  }
}
