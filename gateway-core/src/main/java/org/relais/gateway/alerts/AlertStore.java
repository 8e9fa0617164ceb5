package org.relais.gateway.alerts;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.relais.gateway.alerts.cap.CapAlert;

/**
 * Alerts and their recipients in the store. Recipients are committed in batches; an SMS recipient
 * and its queued message are committed together, so that a restart neither loses nor repeats one.
 */
public interface AlertStore {

  /** Records a new alert (state targeting); fails with {@link DuplicateAlert} when its sender, identifier and sent are known. */
  Future<AlertRecord> create(CapAlert cap, String requestedBy, String approvedBy);

  Future<Optional<AlertRecord>> find(String id);

  /** The alert a CAP reference names ({@code sender,identifier,sent}). */
  Future<Optional<AlertRecord>> findByCap(String sender, String identifier, String sent);

  /**
   * Commits a batch of recipients at once; SMS ones get their message queued (lane ALERT, reference
   * {@code alert:<id>}), with {@code validityMs}. A recipient already recorded for the alert and
   * channel is skipped. Completes with how many were new.
   */
  Future<Integer> addRecipients(String alertId, List<Recipient> batch, long validityMs);

  Future<Void> setState(String alertId, AlertState state);

  /** Marks {@code alertId} replaced by {@code by} (an Update or a Cancel). */
  Future<Void> supersede(String alertId, String by);

  /**
   * Stops what was not sent: pending and queued recipients, and queued messages not yet submitted,
   * become cancelled; the alert too. Completes with the number of recipients stopped.
   */
  Future<Integer> cancel(String alertId);

  Future<AlertProgress> progress(String alertId);

  /** Alerts still targeting or sending, oldest first: what a restart resumes. */
  Future<List<AlertRecord>> unfinished();

  /** Calls left dialling by a stop become pending again; completes with how many. */
  Future<Integer> resumeDialling();

  /** Claims up to {@code limit} voice recipients due at {@code now} (pending → dialling). */
  Future<List<VoiceCall>> dueCalls(Instant now, int limit);

  /**
   * Records a call's outcome: {@code state} is answered, failed, or pending again with
   * {@code retryAt}; {@code outcome} says what Asterisk said.
   */
  Future<Void> called(VoiceCall call, RecipientState state, String outcome, Instant retryAt);

  /** A claimed call that was never placed (no AMI connection): pending again, its attempt given back. */
  Future<Void> notPlaced(VoiceCall call);

  /** The recipient pressed 1; completes with false when no such call is known. */
  Future<Boolean> confirmed(String alertId, String msisdn);

  /** The calls of an alert in number order after {@code after} (null: from the start), of {@code state} when given. */
  Future<List<CallStatus>> calls(String alertId, RecipientState state, String after, int limit);

  /** Where one call stands: its state, calls placed, Asterisk's last outcome. */
  record CallStatus(String msisdn, String language, RecipientState state, int attempts, String outcome,
      Instant updatedAt) {}

  /** A voice recipient being called: its attempt number starts at 1. */
  record VoiceCall(String alertId, String msisdn, String language, int attempt) {}

  /** An alert already received: CAP identifies a message by sender, identifier and sent. */
  final class DuplicateAlert extends RuntimeException {
    public DuplicateAlert(String message) {
      super(message, null, false, false);
    }
  }
}
