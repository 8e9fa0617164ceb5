package org.relais.gateway.cases;

import java.time.Instant;

/** One status the core reported for a case; {@code notifiedMessageId} is the SMS that told the citizen, if any. */
public record StatusEntry(String status, String note, Instant at, String source, String notifiedMessageId) {}
