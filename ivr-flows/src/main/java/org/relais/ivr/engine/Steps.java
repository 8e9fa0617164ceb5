package org.relais.ivr.engine;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.relais.ivr.engine.CallOutcome.Ending;
import org.relais.ivr.flow.Node;
import org.relais.ivr.flow.Prompt;
import org.relais.ivr.hours.HoursState;
import org.relais.ivr.hours.OpeningHours;

/** What each node does: the one exhaustive switch over node types, and the nodes that speak or decide. */
final class Steps {

  private Steps() {}

  static CompletionStage<Step> execute(CallRun run, String id, Node node) {
    return switch (node) {
      case Node.Play n -> playAll(run, n.prompts()).thenApply(v -> next(n.next()));
      case Node.Say n -> run.play(n.prompt()).thenCompose(v -> sayDigits(run, run.variable(n.variable())))
          .thenApply(v -> next(n.next()));
      case Node.Menu n -> Dialogs.menu(run, n, 1);
      case Node.Input n -> Dialogs.input(run, n, 1);
      case Node.Set n -> {
        n.values().forEach((name, value) -> run.variable(name, run.interpolate(value)));
        yield CallRun.completed(next(n.next()));
      }
      case Node.Branch n -> CallRun.completed(next(n.cases().getOrDefault(run.variable(n.variable()), n.otherwise())));
      case Node.Hours n -> CallRun.completed(next(hours(run, n)));
      case Node.Language n -> Dialogs.language(run, n);
      case Node.Lookup n -> ServiceSteps.lookup(run, n);
      case Node.Record n -> Dialogs.record(run, id, n, 1, 1);
      case Node.Case n -> ServiceSteps.openCase(run, id, n);
      case Node.Callback n -> ServiceSteps.callback(run, n);
      case Node.QueueWait n -> ServiceSteps.queueWait(run, n);
      case Node.Route n -> route(run, n);
      case Node.Hangup n -> run.play(n.prompt())
          .thenCompose(v -> run.call.setVariable(FlowEngine.ROUTE_VARIABLE, "hangup"))
          .thenCompose(v -> run.call.hangup())
          .thenApply(v -> new Step.End(Ending.COMPLETED, "hangup"));
    };
  }

  static Step next(String node) {
    return new Step.Next(node);
  }

  private static CompletionStage<Void> playAll(CallRun run, List<String> keys) {
    CompletionStage<Void> chain = CallRun.completed(null);
    for (String key : keys) {
      chain = chain.thenCompose(v -> run.play(key));
    }
    return chain;
  }

  /** Each digit's own prompt in the caller's language, whatever the channel's language is. */
  static CompletionStage<Void> sayDigits(CallRun run, String value) {
    CompletionStage<Void> chain = CallRun.completed(null);
    for (char c : value.toCharArray()) {
      if (c >= '0' && c <= '9') {
        chain = chain.thenCompose(v -> run.play(Prompt.digitKey(c)));
      }
    }
    return chain;
  }

  private static String hours(CallRun run, Node.Hours n) {
    OpeningHours hours = run.setup.hours().get(n.service());
    if (hours == null) {
      throw new IllegalStateException("no opening hours for service " + n.service());
    }
    HoursState state = hours.state(run.setup.clock().instant());
    return switch (state) {
      case OPEN -> n.open();
      case CLOSED -> n.closed();
      case HOLIDAY -> n.holiday() != null ? n.holiday() : n.closed();
    };
  }

  private static CompletionStage<Step> route(CallRun run, Node.Route n) {
    CompletionStage<Void> chain = run.play(n.prompt());
    for (Map.Entry<String, String> v : n.variables().entrySet()) {
      chain = chain.thenCompose(x -> run.call.setVariable(v.getKey(), run.interpolate(v.getValue())));
    }
    return chain.thenCompose(v -> run.call.setVariable(FlowEngine.ROUTE_VARIABLE, n.route()))
        .thenApply(v -> new Step.End(Ending.ROUTED, n.route()));
  }
}
