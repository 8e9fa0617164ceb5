package org.relais.ivr.engine;

/**
 * A case a caller opens: {@code callId} and {@code node} make it idempotent (the same call and node
 * open one case), {@code recording} is the file of a record node or null.
 */
public record CaseRequest(
    String callId, String node, String flow, String caller, String language, String category, String description,
    String recording) {}
