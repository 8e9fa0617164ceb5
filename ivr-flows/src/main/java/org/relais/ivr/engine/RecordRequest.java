package org.relais.ivr.engine;

import java.time.Duration;

/**
 * A recording to make: {@code label} distinguishes it within the call (the node), the caller
 * speaks for up to {@code maxDuration}, and {@code silence} of quiet ends it, as does the # key.
 */
public record RecordRequest(String label, Duration maxDuration, Duration silence, boolean beep) {}
