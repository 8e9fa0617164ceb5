/**
 * The hand-off of cases to the core case system: an outbox drained at least once, with an
 * Idempotency-Key the core dedupes on, exponential backoff with jitter, and a dead letter after the
 * last attempt. One client class per contract ({@code relais-json}; Open311 GeoReport v2 to come).
 */
package org.relais.gateway.handoff;
