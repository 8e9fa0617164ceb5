package org.relais.gateway.handoff;

import java.time.Instant;

/** What the core said when it accepted a case: its id, its tracking number and its announced response date, when given. */
public record CoreReceipt(String coreId, String trackingNumber, Instant expectedResponse) {}
