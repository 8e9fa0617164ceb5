package org.relais.sms;

import java.io.Flushable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers to inbound PDUs given in a row on one thread, sent together: an {@link InboundPort}
 * commits a batch of receipts at once, and the thread that completes them answers each in turn.
 * Inside {@link #run}, a connector appends each answer to its connection's output and defers the
 * flush ({@link #defer}); every output is flushed once, at the end, so the answers to one SMSC
 * leave in one write instead of one write each.
 *
 * <p>Only answers wait: a request sent inside a batch is flushed at once, as its sender then waits
 * for the response. An answer that the end's flush fails to send is lost as an answer always
 * could be: the SMSC, without it, delivers the PDU again.
 */
public final class AnswerBatch {

  private static final Logger log = LoggerFactory.getLogger(AnswerBatch.class);
  /** The outputs the current thread's batch owes a flush; null outside a batch. */
  private static final ThreadLocal<List<Flushable>> OWED = new ThreadLocal<>();

  private AnswerBatch() {}

  /** Runs {@code answers}, then flushes the outputs their flushes were deferred on; a nested run joins the outer one. */
  public static void run(Runnable answers) {
    if (OWED.get() != null) {
      answers.run();
      return;
    }
    List<Flushable> owed = new ArrayList<>(2);
    OWED.set(owed);
    try {
      answers.run();
    } finally {
      OWED.remove();
      for (Flushable out : owed) {
        try {
          out.flush();
        } catch (IOException | RuntimeException e) {
          log.debug("answers not sent ({}); the SMSC will deliver their PDUs again", e.toString());
        }
      }
    }
  }

  /**
   * Defers the flush of an answer written to {@code out} to the end of the current thread's batch;
   * false outside a batch, where the answer is flushed at once.
   */
  public static boolean defer(Flushable out) {
    List<Flushable> owed = OWED.get();
    if (owed == null) {
      return false;
    }
    if (owed.stream().noneMatch(o -> o == out)) {
      owed.add(out);
    }
    return true;
  }
}
