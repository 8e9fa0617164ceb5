package org.relais.ivr.engine;

import java.util.List;

/**
 * How a call ended: where it was routed (the RELAIS_ROUTE value), the node it was at when it ended,
 * the language it ran in, and the nodes it went through in order ({@code path}, as long as
 * {@code steps}): how far the caller got.
 */
public record CallOutcome(String flow, Ending ending, String route, String lastNode, String language, List<String> path) {

  public CallOutcome {
    path = List.copyOf(path);
  }

  /** How many nodes the call went through. */
  public int steps() {
    return path.size();
  }

  /** The ways a call can end, as indicators count them. */
  public enum Ending {
    /** Handed to a queue or an extension. */
    ROUTED,
    /** The flow ended the call itself (a hangup node, or the caller was served). */
    COMPLETED,
    /** The caller hung up before the flow ended. */
    ABANDONED,
    /** Something went wrong in Relais; the call was sent to the operator queue. */
    FAILED
  }
}
