package org.relais.gateway.sms;

import java.time.Instant;

/** A committed inbound text. */
public record InboundMessage(String id, String source, String destination, String body, Instant receivedAt) {}
