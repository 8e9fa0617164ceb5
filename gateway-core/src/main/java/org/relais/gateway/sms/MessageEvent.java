package org.relais.gateway.sms;

import java.time.Instant;

/** One step of a message's history. */
public record MessageEvent(Instant at, MessageState state, String detail) {}
