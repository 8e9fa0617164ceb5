package org.relais.ivr.engine;

/**
 * A callback a caller asks for: an agent of {@code queue} calls {@code caller} back, within the
 * opening hours of the service {@code hours} (or whenever agents are free when null).
 */
public record CallbackRequest(
    String callId, String flow, String caller, String language, String queue, String topic, String hours) {}
