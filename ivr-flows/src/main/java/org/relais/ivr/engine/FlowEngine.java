package org.relais.ivr.engine;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.relais.ivr.engine.CallOutcome.Ending;
import org.relais.ivr.flow.Flow;
import org.relais.ivr.flow.Node;
import org.relais.ivr.flow.Prompt;
import org.relais.ivr.flow.PromptCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs flows. A run is a small state machine: each node returns a stage, and the next node starts
 * when it completes, on whatever thread completed it; stages that complete at once are followed in
 * a loop, so a long flow never deepens the stack.
 */
public final class FlowEngine {

  /** The channel variable the dialplan routes on. */
  public static final String ROUTE_VARIABLE = "RELAIS_ROUTE";
  /** A flow that goes through this many nodes is stopped: it loops without end. */
  static final int MAX_STEPS = 1_000;

  private static final Logger log = LoggerFactory.getLogger(FlowEngine.class);

  private final PromptCatalog prompts;
  private final FlowServices services;
  private final String fallbackRoute;

  /**
   * @param fallbackRoute the route set when a flow fails inside Relais, such as {@code queue:operator}
   */
  public FlowEngine(PromptCatalog prompts, FlowServices services, String fallbackRoute) {
    this.prompts = prompts;
    this.services = services;
    this.fallbackRoute = fallbackRoute;
  }

  /** Runs {@code flow} on {@code call}; the stage never fails, the outcome says how the call ended. */
  public CompletionStage<CallOutcome> run(Flow flow, Call call) {
    Run run = new Run(flow, call);
    run.go(flow.start());
    return run.done;
  }

  /** The step a node leads to. */
  private sealed interface Step {}

  private record Next(String node) implements Step {}

  private record End(Ending ending, String route) implements Step {}

  /** One call going through one flow; touched by one thread at a time, as its stages complete in turn. */
  private final class Run {
    final Flow flow;
    final Call call;
    final CompletableFuture<CallOutcome> done = new CompletableFuture<>();
    String language;
    String node;
    int steps;

    Run(Flow flow, Call call) {
      this.flow = flow;
      this.call = call;
      this.language = flow.defaultLanguage();
    }

    void go(String start) {
      String current = start;
      while (true) {
        node = current;
        if (++steps > MAX_STEPS) {
          fail(new IllegalStateException("more than " + MAX_STEPS + " steps"));
          return;
        }
        CompletableFuture<Step> step;
        try {
          step = execute(flow.node(current)).toCompletableFuture();
        } catch (RuntimeException e) {
          fail(e);
          return;
        }
        if (!step.isDone()) {
          step.whenComplete(this::resume);
          return;
        }
        Step s;
        try {
          s = step.join();
        } catch (CompletionException e) {
          stop(e.getCause());
          return;
        } catch (RuntimeException e) {
          stop(e);
          return;
        }
        if (s instanceof Next next) {
          current = next.node();
        } else {
          End end = (End) s;
          done.complete(outcome(end.ending(), end.route()));
          return;
        }
      }
    }

    private void resume(Step step, Throwable error) {
      if (error != null) {
        stop(error instanceof CompletionException ce && ce.getCause() != null ? ce.getCause() : error);
      } else if (step instanceof Next next) {
        go(next.node());
      } else {
        End end = (End) step;
        done.complete(outcome(end.ending(), end.route()));
      }
    }

    private void stop(Throwable error) {
      if (error instanceof CallerHungUp) {
        done.complete(outcome(Ending.ABANDONED, null));
      } else {
        fail(error);
      }
    }

    private void fail(Throwable error) {
      log.warn("flow {} failed at node {}: {}", flow.name(), node, error.toString());
      call.setVariable(ROUTE_VARIABLE, fallbackRoute).whenComplete((v, e) ->
          done.complete(outcome(Ending.FAILED, e == null ? fallbackRoute : null)));
    }

    private CallOutcome outcome(Ending ending, String route) {
      return new CallOutcome(flow.name(), ending, route, node, language, steps);
    }

    private CompletionStage<Step> execute(Node n) {
      return switch (n) {
        case Node.Play play -> playAll(play.prompts()).thenApply(v -> new Next(play.next()));
        case Node.Menu menu -> menu(menu, 1);
        case Node.Language choice -> language(choice);
        case Node.Route route -> playOptional(route.prompt())
            .thenCompose(v -> call.setVariable(ROUTE_VARIABLE, route.route()))
            .thenApply(v -> new End(Ending.ROUTED, route.route()));
        case Node.Hangup hangup -> playOptional(hangup.prompt())
            .thenCompose(v -> call.setVariable(ROUTE_VARIABLE, "hangup"))
            .thenApply(v -> new End(Ending.COMPLETED, "hangup"));
      };
    }

    private CompletionStage<Step> menu(Node.Menu menu, int turn) {
      return call.read(prompt(menu.prompt()), 1, menu.timeout()).thenCompose(input -> {
        String target = input.isEmpty() ? null : menu.options().get(input.digits().substring(0, 1));
        if (target != null) {
          return done(new Next(target));
        }
        if (turn >= menu.retries()) {
          return done(new Next(menu.fallback()));
        }
        String complaint = input.isEmpty() ? menu.noInput() : menu.invalid();
        return playOptional(complaint).thenCompose(v -> menu(menu, turn + 1));
      });
    }

    private CompletionStage<Step> language(Node.Language choice) {
      CompletionStage<Optional<String>> known = choice.skipWhenKnown() && !call.caller().isEmpty()
          ? services.knownLanguage(call.caller())
          : done(Optional.empty());
      return known.thenCompose(lang -> {
        if (lang.isPresent() && flow.languages().contains(lang.get())) {
          language = lang.get();
          return done(new Next(choice.next()));
        }
        return askLanguage(choice, 1);
      });
    }

    private CompletionStage<Step> askLanguage(Node.Language choice, int turn) {
      return call.read(prompt(choice.prompt()), 1, choice.timeout()).thenCompose(input -> {
        String chosen = input.isEmpty() ? null : choice.options().get(input.digits().substring(0, 1));
        if (chosen != null) {
          language = chosen;
          CompletionStage<Void> remembered = call.caller().isEmpty()
              ? done(null)
              : services.rememberLanguage(call.caller(), chosen);
          return remembered.thenApply(v -> new Next(choice.next()));
        }
        if (turn >= choice.retries()) {
          return done(new Next(choice.next()));
        }
        return askLanguage(choice, turn + 1);
      });
    }

    private CompletionStage<Void> playAll(List<String> keys) {
      CompletionStage<Void> chain = done(null);
      for (String key : keys) {
        chain = chain.thenCompose(v -> call.play(prompt(key), "").thenApply(d -> null));
      }
      return chain;
    }

    private CompletionStage<Void> playOptional(String key) {
      return key == null ? done(null) : call.play(prompt(key), "").thenApply(d -> null);
    }

    private Prompt prompt(String key) {
      return prompts.resolve(key, language);
    }
  }

  private static <T> CompletionStage<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
