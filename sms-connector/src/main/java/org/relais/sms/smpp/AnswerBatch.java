package org.relais.sms.smpp;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers to deliver_sm and data_sm given in a row on one thread, sent together: a store commits
 * a batch of receipts at once, and the thread that completes them answers each in turn. Inside
 * {@link #run}, an answer is appended to its session's output and the output is flushed once, at
 * the end, so a commit's answers to one SMSC leave in one write instead of one write each.
 *
 * <p>Only answers wait: a request (a submit_sm, an enquire_link) sent inside a batch is flushed at
 * once, as its sender then waits for the response. An answer that the end's flush fails to send is
 * lost as an answer always could be: the SMSC, without it, delivers the PDU again.
 */
public final class AnswerBatch {

  private static final Logger log = LoggerFactory.getLogger(AnswerBatch.class);
  /** The outputs the current thread's batch owes a flush; null outside a batch. */
  private static final ThreadLocal<List<CoalescingOutputStream>> OWED = new ThreadLocal<>();

  private AnswerBatch() {}

  /** Runs {@code answers}, then flushes the outputs its answers were appended to; a nested run joins the outer one. */
  public static void run(Runnable answers) {
    if (OWED.get() != null) {
      answers.run();
      return;
    }
    List<CoalescingOutputStream> owed = new ArrayList<>(2);
    OWED.set(owed);
    try {
      answers.run();
    } finally {
      OWED.remove();
      for (CoalescingOutputStream out : owed) {
        try {
          out.flush();
        } catch (IOException | RuntimeException e) {
          log.debug("answers not sent ({}); the SMSC will deliver their PDUs again", e.toString());
        }
      }
    }
  }

  /** Where an answer to send on {@code out} is written: {@code out} itself outside a batch, else a view that defers its flush. */
  static OutputStream output(OutputStream out) {
    List<CoalescingOutputStream> owed = OWED.get();
    if (owed == null || !(out instanceof CoalescingOutputStream coalescing)) {
      return out;
    }
    if (owed.stream().noneMatch(o -> o == coalescing)) {
      owed.add(coalescing);
    }
    return coalescing.withoutFlush();
  }
}
