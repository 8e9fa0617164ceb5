package org.relais.gateway.telephony.ami;

/** The outcome of an Originate, with what Asterisk said ({@code Reason 3}, {@code Extension does not exist.}). */
public record OriginateResult(OriginateOutcome outcome, String detail, String channelId) {}
