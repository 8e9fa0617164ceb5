package org.relais.gateway.telephony.callback;

import java.time.Instant;

/**
 * A callback request: who to call ({@code msisdn}, in {@code language}), which queue's agent
 * takes it, within which service's hours ({@code hours}, or any time), and where it stands.
 */
public record Callback(
    String id, String msisdn, String language, String queue, String topic, String hours, String flow,
    CallbackState state, int attempts, Instant nextAttemptAt, String lastOutcome, Instant createdAt) {}
