package org.relais.ivr.engine;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.relais.ivr.flow.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The nodes that ask the gateway: look-ups, cases, callbacks and a queue's expected wait. */
final class ServiceSteps {

  private static final Logger log = LoggerFactory.getLogger(ServiceSteps.class);

  private ServiceSteps() {}

  static CompletionStage<Step> lookup(CallRun run, Node.Lookup node) {
    String key = node.service().needsInput() ? run.variable(node.input()) : run.call.caller();
    if (key.isEmpty()) {
      return CallRun.completed(Steps.next(node.notFound()));
    }
    CompletionStage<Step> step = run.setup.services().lookup(node.service(), key).thenApply(result -> switch (result) {
      case LookupResult.Found found -> {
        found.values().forEach(run::variable);
        yield Steps.next(node.found());
      }
      case LookupResult.NotFound none -> Steps.next(node.notFound());
    });
    return orFailed(run, step, node.failed(), node.service().label());
  }

  static CompletionStage<Step> openCase(CallRun run, String id, Node.Case node) {
    String recording = node.recording() == null ? null : run.variable(node.recording());
    CaseRequest request = new CaseRequest(run.call.id(), id, run.flow.name(), run.call.caller(), run.language(),
        run.interpolate(node.category()), run.interpolate(node.description()),
        recording == null || recording.isEmpty() ? null : recording);
    CompletionStage<Step> step = run.setup.services().openCase(request).thenApply(tracking -> {
      run.variable(node.variable(), tracking);
      return Steps.next(node.next());
    });
    return orFailed(run, step, node.failed(), "case");
  }

  static CompletionStage<Step> callback(CallRun run, Node.Callback node) {
    if (run.call.caller().isEmpty()) {
      return CallRun.completed(Steps.next(node.failed()));
    }
    CallbackRequest request = new CallbackRequest(run.call.id(), run.flow.name(), run.call.caller(), run.language(),
        node.queue(), run.interpolate(node.topic()), node.hours());
    CompletionStage<Step> step = run.setup.services().registerCallback(request).thenApply(id -> {
      run.variable("callback_id", id);
      return Steps.next(node.next());
    });
    return orFailed(run, step, node.failed(), "callback");
  }

  /** An unknown wait (Asterisk unreachable) counts as short: the caller is not kept from the queue. */
  static CompletionStage<Step> queueWait(CallRun run, Node.QueueWait node) {
    return run.setup.services().expectedWait(node.queue())
        .exceptionally(e -> {
          log.warn("expected wait of queue {} unknown: {}", node.queue(), e.toString());
          return java.util.Optional.empty();
        })
        .thenApply(wait -> {
          if (wait.isEmpty()) {
            return Steps.next(node.shorter());
          }
          Duration d = wait.get();
          run.variable("wait_minutes", String.valueOf((d.toSeconds() + 59) / 60));
          return Steps.next(d.compareTo(node.above()) > 0 ? node.longer() : node.shorter());
        });
  }

  /** A failing service goes to {@code failed} when the node has one; a hangup always stops the flow. */
  private static CompletionStage<Step> orFailed(CallRun run, CompletionStage<Step> step, String failed, String what) {
    if (failed == null) {
      return step;
    }
    return step.handle((s, e) -> {
      if (e == null) {
        return CallRun.completed(s);
      }
      Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      if (cause instanceof CallerHungUp) {
        return CompletableFuture.<Step>failedFuture(cause);
      }
      log.warn("flow {}: {} failed: {}", run.flow.name(), what, cause.toString());
      return CallRun.completed(Steps.next(failed));
    }).thenCompose(s -> s);
  }
}
