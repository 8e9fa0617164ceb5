package org.relais.gateway.cases;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What cases, their hand-off and their follow-up need from the store. */
public interface CaseStore {

  /**
   * Creates a case with a fresh tracking number and its outbox entry, in one transaction, with the
   * response date announced to the citizen; when a case with the same source already exists,
   * completes with it instead.
   */
  Future<CaseRecord> create(NewCase request, int trackingDigits, Instant expectedResponse);

  Future<Optional<CaseRecord>> find(String id);

  /** By Relais's tracking number, the core's tracking number, or the core's case id. */
  Future<Optional<CaseRecord>> findByReference(String reference);

  /** Outbox entries due at {@code now}, oldest first. */
  Future<List<OutboxEntry>> due(Instant now, int limit);

  /** The outbox entry of a case, if it has one. */
  Future<Optional<OutboxEntry>> outbox(String caseId);

  /** The core accepted the case (its id, or only a token to resolve later). */
  Future<CaseRecord> delivered(String caseId, CoreIds ids, Instant expectedResponse);

  /** The core's id for a case it first answered with a token. */
  Future<Void> resolvedToken(String caseId, String coreId);

  /** Delivered cases whose core id is still a token to resolve. */
  Future<List<CaseRecord>> awaitingCoreId(int limit);

  /** An attempt failed: the next one at {@code nextAt}, or none ({@code dead}) after the last. */
  Future<Void> attemptFailed(String caseId, int attempts, Instant nextAt, String error, boolean dead);

  /** Puts a dead-lettered case back in the outbox, attempts from zero. Completes with false when it was not dead. */
  Future<Boolean> retryHandoff(String caseId);

  /** Dead-lettered cases, oldest first. */
  Future<List<CaseRecord>> dead(int limit);

  /** Records the acknowledgement sent to the citizen. */
  Future<Void> acknowledged(String caseId, String messageId);

  /** SMS and voice cases whose citizen has no acknowledgement yet (a restart resumes them). */
  Future<List<CaseRecord>> awaitingAck(int limit);

  /**
   * Records a status reported by the core; completes with the entry when it differs from the last
   * one, empty when the status is unchanged (nothing to tell the citizen).
   */
  Future<Optional<StatusEntry>> statusChanged(String caseId, StatusReport report, boolean answers);

  /** Records the SMS that told the citizen of a status. */
  Future<Void> notified(String caseId, StatusEntry entry, String messageId);

  /** The statuses of a case, in the order the core reported them. */
  Future<List<StatusEntry>> history(String caseId);

  /** Cases past their announced response date, not answered and not yet flagged. */
  Future<List<CaseRecord>> overdue(Instant now, int limit);

  /** Flags a case whose announced response date passed unanswered. */
  Future<Void> slaBreached(String caseId, Instant at);

  /** Counts of outbox entries by state, for /health and /metrics. */
  Future<Map<HandoffState, Long>> handoffCounts();

  /** An outbox entry: a case not yet accepted by the core. */
  record OutboxEntry(String caseId, int attempts, Instant nextAttemptAt, String lastError, HandoffState state) {}

  /** The ids the core gave a case: its id (or a token when it gave only that) and its tracking number. */
  record CoreIds(String coreId, String token, String trackingNumber) {}

  /** A status as the core reports it. */
  record StatusReport(String status, String note, Instant at, String source) {}
}
