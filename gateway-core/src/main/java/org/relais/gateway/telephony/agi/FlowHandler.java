package org.relais.gateway.telephony.agi;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.Map;
import org.relais.gateway.config.AgiConfig;
import org.relais.gateway.metrics.Metrics;
import org.relais.gateway.subscribers.PhoneNumbers;
import org.relais.ivr.engine.CallOutcome;
import org.relais.ivr.engine.FlowEngine;
import org.relais.ivr.flow.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serves a call with the flow its {@code agi_network_script} names; an unknown flow goes to the operator queue. */
final class FlowHandler implements AgiHandler {

  private static final Logger log = LoggerFactory.getLogger(FlowHandler.class);

  private final AgiConfig config;
  private final Map<String, Flow> flows;
  private final FlowEngine engine;
  private final Metrics.Counter calls;

  FlowHandler(AgiConfig config, Map<String, Flow> flows, FlowEngine engine, Metrics metrics) {
    this.config = config;
    this.flows = flows;
    this.engine = engine;
    this.calls = metrics.counter("relais_ivr_calls_total", "IVR calls by flow and how they ended", "flow", "ending");
  }

  @Override
  public Future<CallOutcome> handle(AgiSession session, AgiEnvironment env, Context context) {
    AgiCall call = new AgiCall(session, env, config);
    Flow flow = flows.get(env.script());
    if (flow == null) {
      log.warn("call {}: unknown flow '{}'; routed to {}", env.uniqueId(), AgiCommands.clean(env.script()),
          config.operatorRoute());
      calls.inc("unknown", "failed");
      return Future.fromCompletionStage(call.setVariable(FlowEngine.ROUTE_VARIABLE, config.operatorRoute()), context)
          .map(v -> new CallOutcome(env.script(), CallOutcome.Ending.FAILED, config.operatorRoute(), null, null, 0));
    }
    return Future.fromCompletionStage(engine.run(flow, call), context).onSuccess(outcome -> record(env, outcome));
  }

  private void record(AgiEnvironment env, CallOutcome outcome) {
    calls.inc(outcome.flow(), outcome.ending().name().toLowerCase());
    log.info("call {} from {} flow {}: {} {} at node {} after {} steps", env.uniqueId(),
        PhoneNumbers.mask(env.callerId()), outcome.flow(), outcome.ending(),
        outcome.route() == null ? "" : outcome.route(), outcome.lastNode(), outcome.steps());
  }
}
