package org.relais.ivr.engine;

import org.relais.ivr.engine.CallOutcome.Ending;

/** What a node leads to: the next node, or the end of the flow. */
sealed interface Step {

  /** Goes on at {@code node}. */
  record Next(String node) implements Step {}

  /** The flow ends; {@code route} is what RELAIS_ROUTE was set to, if anything. */
  record End(Ending ending, String route) implements Step {}
}
