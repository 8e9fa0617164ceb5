package org.relais.ivr.engine;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.relais.ivr.flow.Flow;
import org.relais.ivr.flow.PromptCatalog;
import org.relais.ivr.hours.OpeningHours;

/**
 * Runs flows. A run is a small state machine: each node returns a stage, and the next node starts
 * when it completes, on whatever thread completed it; stages that complete at once are followed in
 * a loop, so a long flow never deepens the stack. No thread waits while a caller listens.
 */
public final class FlowEngine {

  /** The channel variable the dialplan routes on. */
  public static final String ROUTE_VARIABLE = "RELAIS_ROUTE";
  /** A flow that goes through this many nodes is stopped: it loops without end. */
  static final int MAX_STEPS = 1_000;

  private final Setup setup;

  /**
   * @param fallbackRoute the route set when a flow fails inside Relais, such as {@code queue:operator}
   */
  public FlowEngine(PromptCatalog prompts, FlowServices services, String fallbackRoute) {
    this(prompts, services, Map.of(), Clock.systemUTC(), fallbackRoute);
  }

  /**
   * @param hours opening hours by service, for {@code hours} nodes
   * @param clock tells the time for {@code hours} nodes
   */
  public FlowEngine(PromptCatalog prompts, FlowServices services, Map<String, OpeningHours> hours, Clock clock,
      String fallbackRoute) {
    this.setup = new Setup(prompts, services, Map.copyOf(hours), clock, fallbackRoute);
  }

  /** What every run shares. */
  record Setup(
      PromptCatalog prompts, FlowServices services, Map<String, OpeningHours> hours, Clock clock,
      String fallbackRoute) {}

  /** Runs {@code flow} on {@code call}; the stage never fails, the outcome says how the call ended. */
  public CompletionStage<CallOutcome> run(Flow flow, Call call) {
    CallRun run = new CallRun(setup, flow, call);
    run.go(flow.start());
    return run.done();
  }
}
