package org.relais.gateway.sms;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import org.relais.sms.InboundSms;

/** What inbound SMS needs from the store. */
public interface InboundStore {

  /**
   * Commits a text unless the same one (same dedupe key) was committed within {@code window}: a
   * redelivery. Completes with the id and whether it is new.
   */
  Future<Inserted> insert(InboundSms sms, Duration window);

  /** Texts committed but not yet processed (a restart resumes them), oldest first. */
  Future<List<InboundMessage>> unprocessed(int limit);

  /** Marks a text processed, with a word on what was done. */
  Future<Void> processed(String id, String outcome);

  /** Marks a text as waiting for the citizen's answer to a question (the category of a complaint). */
  Future<Void> awaitingAnswer(String id);

  /** Texts still waiting for an answer (after a restart they are processed without it), oldest first. */
  Future<List<InboundMessage>> awaitingAnswer(int limit);

  /** The result of an insert. */
  record Inserted(String id, boolean isNew) {}
}
