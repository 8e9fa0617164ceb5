package org.relais.gateway.telephony.agi;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.relais.gateway.config.AgiConfig;
import org.relais.gateway.metrics.Metrics;
import org.relais.gateway.subscribers.PhoneNumbers;
import org.relais.gateway.telephony.CallLog;
import org.relais.ivr.engine.CallOutcome;
import org.relais.ivr.engine.FlowEngine;
import org.relais.ivr.flow.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a call with the flow its {@code agi_network_script} names (an unknown flow goes to the
 * operator queue), then records how the call ended and how far the caller got.
 */
final class FlowHandler implements AgiHandler {

  private static final Logger log = LoggerFactory.getLogger(FlowHandler.class);

  private final AgiConfig config;
  private final Map<String, Flow> flows;
  private final FlowEngine engine;
  private final CallLog callLog;
  private final Metrics.Counter calls;

  FlowHandler(AgiConfig config, Map<String, Flow> flows, FlowEngine engine, CallLog callLog, Metrics metrics) {
    this.config = config;
    this.flows = flows;
    this.engine = engine;
    this.callLog = callLog;
    this.calls = metrics.counter("relais_ivr_calls_total", "IVR calls by flow and how they ended", "flow", "ending");
  }

  @Override
  public Future<CallOutcome> handle(AgiSession session, AgiEnvironment env, Context context) {
    Instant started = Instant.now();
    AgiCall call = new AgiCall(session, env, config);
    Flow flow = flows.get(env.script());
    Future<CallOutcome> outcome;
    if (flow == null) {
      log.warn("call {}: unknown flow '{}'; routed to {}", env.uniqueId(), AgiCommands.clean(env.script()),
          config.operatorRoute());
      String name = "unknown:" + AgiCommands.clean(env.script());
      outcome = Future.fromCompletionStage(call.setVariable(FlowEngine.ROUTE_VARIABLE, config.operatorRoute()), context)
          .map(v -> new CallOutcome(name, CallOutcome.Ending.FAILED, config.operatorRoute(), null, null, List.of()))
          .recover(e -> Future.succeededFuture(new CallOutcome(name, CallOutcome.Ending.ABANDONED, null, null, null, List.of())));
    } else {
      outcome = Future.fromCompletionStage(engine.run(flow, call), context);
    }
    return outcome.onSuccess(o -> record(env, started, o));
  }

  private void record(AgiEnvironment env, Instant started, CallOutcome outcome) {
    String flow = outcome.flow().startsWith("unknown:") ? "unknown" : outcome.flow();
    calls.inc(flow, outcome.ending().name().toLowerCase(Locale.ROOT));
    log.info("call {} from {} flow {}: {} {} at node {} after {} steps", env.uniqueId(),
        PhoneNumbers.mask(env.callerId()), outcome.flow(), outcome.ending(),
        outcome.route() == null ? "" : outcome.route(), outcome.lastNode(), outcome.steps());
    callLog.record(new CallLog.CallRecord(env.uniqueId(), env.callerId(), started, Instant.now(), outcome))
        .onFailure(e -> log.warn("call {}: not recorded: {}", env.uniqueId(), e.toString()));
  }
}
