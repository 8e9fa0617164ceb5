package org.relais.ivr.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.relais.ivr.engine.CallOutcome.Ending;
import org.relais.ivr.flow.Flow;
import org.relais.ivr.flow.Prompt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call going through one flow: its language, its variables, the node it is at. Touched by one
 * thread at a time, as its stages complete in turn.
 */
final class CallRun {

  private static final Logger log = LoggerFactory.getLogger(CallRun.class);
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([a-z0-9_]+)}");

  final FlowEngine.Setup setup;
  final Flow flow;
  final Call call;
  private final CompletableFuture<CallOutcome> done = new CompletableFuture<>();
  private final Map<String, String> variables = new HashMap<>(8);
  private final List<String> path = new ArrayList<>();
  private String language;
  private String node;

  CallRun(FlowEngine.Setup setup, Flow flow, Call call) {
    this.setup = setup;
    this.flow = flow;
    this.call = call;
    this.language = flow.defaultLanguage();
    variables.put("caller", call.caller());
  }

  CompletionStage<CallOutcome> done() {
    return done;
  }

  void go(String start) {
    String current = start;
    while (true) {
      if (call.callerGone()) {
        done.complete(outcome(Ending.ABANDONED, null));
        return;
      }
      node = current;
      if (path.size() >= FlowEngine.MAX_STEPS) {
        fail(new IllegalStateException("more than " + FlowEngine.MAX_STEPS + " steps"));
        return;
      }
      path.add(current);
      CompletableFuture<Step> step;
      try {
        step = Steps.execute(this, current, flow.node(current)).toCompletableFuture();
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
      switch (s) {
        case Step.Next next -> current = next.node();
        case Step.End end -> {
          done.complete(outcome(end.ending(), end.route()));
          return;
        }
      }
    }
  }

  private void resume(Step step, Throwable error) {
    if (error != null) {
      stop(error instanceof CompletionException ce && ce.getCause() != null ? ce.getCause() : error);
      return;
    }
    switch (step) {
      case Step.Next next -> go(next.node());
      case Step.End end -> done.complete(outcome(end.ending(), end.route()));
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
    String route = setup.fallbackRoute();
    CompletionStage<Void> set;
    try {
      set = call.setVariable(FlowEngine.ROUTE_VARIABLE, route);
    } catch (RuntimeException e) {
      set = CompletableFuture.failedFuture(e);
    }
    set.whenComplete((v, e) -> done.complete(outcome(Ending.FAILED, e == null ? route : null)));
  }

  private CallOutcome outcome(Ending ending, String route) {
    return new CallOutcome(flow.name(), ending, route, node, language, path);
  }

  String language() {
    return language;
  }

  void language(String chosen) {
    language = chosen;
  }

  /** A flow variable, or an empty string when unset. */
  String variable(String name) {
    return variables.getOrDefault(name, "");
  }

  void variable(String name, String value) {
    variables.put(name, value == null ? "" : value);
  }

  /** Replaces each {@code ${name}} of {@code text} with the variable's value. */
  String interpolate(String text) {
    if (text == null || text.indexOf('$') < 0) {
      return text;
    }
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(variable(m.group(1))));
    }
    return m.appendTail(out).toString();
  }

  Prompt prompt(String key) {
    return setup.prompts().resolve(key, language);
  }

  /** Plays a prompt; a null key plays nothing. */
  CompletionStage<Void> play(String key) {
    return key == null ? completed(null) : call.play(prompt(key), "").thenApply(d -> null);
  }

  static <T> CompletionStage<T> completed(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
