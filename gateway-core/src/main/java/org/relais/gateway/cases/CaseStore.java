package org.relais.gateway.cases;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What cases and their hand-off need from the store. */
public interface CaseStore {

  /**
   * Creates a case with a fresh tracking number and its outbox entry, in one transaction; when a
   * case with the same source already exists, completes with it instead.
   */
  Future<CaseRecord> create(NewCase request, int trackingDigits);

  Future<Optional<CaseRecord>> find(String id);

  /** By Relais's tracking number or the core's. */
  Future<Optional<CaseRecord>> findByTracking(String trackingNumber);

  /** Outbox entries due at {@code now}, oldest first. */
  Future<List<OutboxEntry>> due(Instant now, int limit);

  /** The core accepted the case. */
  Future<CaseRecord> delivered(String caseId, String coreId, String coreTracking, Instant expectedResponse);

  /** An attempt failed: the next one at {@code nextAt}, or none ({@code dead}) after the last. */
  Future<Void> attemptFailed(String caseId, int attempts, Instant nextAt, String error, boolean dead);

  /** Records the acknowledgement sent to the citizen. */
  Future<Void> acknowledged(String caseId, String messageId);

  /** SMS and voice cases whose citizen has no acknowledgement yet (a restart resumes them). */
  Future<List<CaseRecord>> awaitingAck(int limit);

  /** Counts of outbox entries by state, for /health and /metrics. */
  Future<java.util.Map<HandoffState, Long>> handoffCounts();

  /** An outbox entry: a case not yet accepted by the core. */
  record OutboxEntry(String caseId, int attempts, Instant nextAttemptAt, String lastError) {}
}
