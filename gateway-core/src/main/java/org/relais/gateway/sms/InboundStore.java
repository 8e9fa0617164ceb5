package org.relais.gateway.sms;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.relais.sms.InboundPart;
import org.relais.sms.InboundSms;

/** What inbound SMS needs from the store. */
public interface InboundStore {

  /**
   * Commits a text unless the same one (same dedupe key) was committed within {@code window}: a
   * redelivery. Completes with the id and whether it is new.
   */
  Future<Inserted> insert(InboundSms sms, Duration window);

  /**
   * Commits one part of a concatenated text. The part that completes its message is committed in
   * the same transaction as the joined text; a part seen within {@code window} (a redelivery) is
   * not committed again; a part of a message already delivered incomplete is kept with it.
   */
  Future<PartOutcome> insertPart(InboundPart part, Duration window);

  /**
   * Delivers, joined and marked incomplete, every message whose first part came before
   * {@code firstPartBefore} and that still misses parts; forgets the parts of messages joined
   * before {@code forgetBefore} (they only served to recognise redeliveries).
   */
  Future<List<InboundMessage>> expireParts(Instant firstPartBefore, Instant forgetBefore);

  /** Texts committed but not yet processed (a restart resumes them), oldest first. */
  default Future<List<InboundMessage>> unprocessed(int limit) {
    return unprocessed(null, limit);
  }

  /** The next page of texts not yet processed, oldest first, after {@code after} (null: from the first). */
  Future<List<InboundMessage>> unprocessed(InboundMessage after, int limit);

  /** Marks a text processed, with a word on what was done. */
  Future<Void> processed(String id, String outcome);

  /** Marks a text as waiting for the citizen's answer to a question (the category of a complaint). */
  Future<Void> awaitingAnswer(String id);

  /** The next page of texts waiting for an answer, oldest first, after {@code after} (null: from the first). */
  Future<List<InboundMessage>> awaitingAnswer(InboundMessage after, int limit);

  /** The result of an insert. */
  record Inserted(String id, boolean isNew) {}

  /** The result of a part's commit, with the texts it completed (usually none or one). */
  record PartOutcome(Kind kind, List<InboundMessage> completed) {

    /** What the part was. */
    public enum Kind {
      /** Kept; its message waits for other parts. */
      WAITING,
      /** The last part: its message is committed, joined. */
      COMPLETED,
      /** A part seen before: acknowledged, not kept twice. */
      DUPLICATE,
      /** A part of a message already delivered without it (after the timeout): kept with it, not processed. */
      LATE
    }
  }
}
