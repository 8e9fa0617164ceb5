package org.relais.sms.smpp;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.util.DefaultDecomposer;
import org.jsmpp.util.PDUDecomposer;

/**
 * The submit_sm a session sent and awaits the resp of, by sequence number, each as a {@link Reply}.
 * The session's reader completes them as it reads their resp ({@link InboundTap}), and the bind
 * carries on from that completion ({@link SmppBind}): no thread waits for a resp, and none of
 * jSMPP's processing pool is handed one. The outcomes: the SMSC's message id, a
 * {@link NegativeResponseException} for a resp with an error status, an
 * {@link InvalidResponseException} for a generic_nack or a resp that cannot be read, a
 * {@link TimeoutException} when none comes in time, the {@link IOException} that closed the
 * session when it closes first. The session's unbind waits here too
 * ({@link EsmeSession#unbindAndClose}), for an unbind_resp (an empty id), so that a closed
 * connection ends its wait at once.
 *
 * <p>The submits take their sequence numbers from a range of their own, {@link #FIRST} and up,
 * far above those jSMPP gives its own requests (bind, enquire_link) from 1: no lock is
 * shared with jSMPP's counter, and no number is. Their timeout, counted from the end of their
 * write as in jSMPP, is watched by {@link Deadlines} rather than by a timer per submit (made at the
 * first submit: a receiver session has none).
 */
final class SubmitReplies {

  /** The first sequence number of the submits; after 0x7FFFFFFF they start again from here. */
  static final int FIRST = 0x40000000;

  private static final PDUDecomposer DECOMPOSER = new DefaultDecomposer();

  /**
   * The reply to one request: completed with the SMSC's message id by its resp; failed (and no
   * longer waited for, so that a late resp goes on to jSMPP, which drops it) by an error resp,
   * past its deadline, when the session closes, or by the bind's stop past its grace.
   */
  final class Reply extends CompletableFuture<String> {
    private final int sequence;

    private Reply(int sequence) {
      this.sequence = sequence;
    }

    @Override
    public boolean completeExceptionally(Throwable cause) {
      waiting.remove(sequence, this);
      return super.completeExceptionally(cause);
    }
  }

  private final Map<Integer, Reply> waiting = new ConcurrentHashMap<>();
  private final AtomicInteger sequence = new AtomicInteger(FIRST - 1);
  private final Duration timeout;
  private Deadlines deadlines;
  private IOException closed;

  SubmitReplies(Duration timeout) {
    this.timeout = timeout;
  }

  /** The sequence number of the next submit. */
  int nextSequence() {
    return sequence.updateAndGet(n -> n == Integer.MAX_VALUE ? FIRST : n + 1);
  }

  /**
   * Notes that the submit_sm (or unbind) of {@code sequence} is about to be sent; its resp completes
   * the reply (failed at once with the failure that closed these replies, if they are closed).
   */
  Reply expect(int sequence) {
    Reply reply = new Reply(sequence);
    waiting.put(sequence, reply);
    IOException cause = closedBy();
    if (cause != null) {
      reply.completeExceptionally(cause);
    }
    return reply;
  }

  /** Starts the timeout of a submit whose submit_sm is written. */
  void written(Reply reply) {
    Deadlines watch;
    synchronized (this) {
      if (closed != null) {
        return;
      }
      if (deadlines == null) {
        deadlines = new Deadlines(timeout, "no submit_sm_resp");
      }
      watch = deadlines;
    }
    watch.within(reply);
  }

  private synchronized IOException closedBy() {
    return closed;
  }

  /** Whether a submit waits for the resp of {@code sequence}. */
  boolean awaits(int sequence) {
    return waiting.containsKey(sequence);
  }

  /**
   * Answers the submit of {@code sequence} with its submit_sm_resp or a generic_nack (the whole PDU,
   * header included), or the unbind with its unbind_resp; false when nothing waits for it (any
   * more: it gave up, and the resp is late).
   */
  boolean answer(int commandId, int status, int sequence, byte[] pdu) {
    Reply reply = waiting.remove(sequence);
    if (reply == null) {
      return false;
    }
    if (commandId == SMPPConstant.CID_UNBIND_RESP) {
      reply.complete("");
    } else if (commandId == SMPPConstant.CID_GENERIC_NACK) {
      reply.completeExceptionally(new InvalidResponseException("generic_nack with command_status "
          + CommandStatus.name(status)));
    } else if (status != CommandStatus.ESME_ROK) {
      reply.completeExceptionally(new NegativeResponseException(status));
    } else {
      try {
        reply.complete(DECOMPOSER.submitSmResp(pdu).getMessageId());
      } catch (PDUStringException | RuntimeException e) {
        reply.completeExceptionally(new InvalidResponseException("a submit_sm_resp that cannot be read: " + e, e));
      }
    }
    return true;
  }

  /** Stops waiting for {@code reply}: its PDU could not be sent. */
  void forget(Reply reply) {
    waiting.remove(reply.sequence, reply);
  }

  /**
   * Fails every submit still waiting, and every later one, as no resp will come (the connection
   * is closed); stops watching deadlines.
   */
  void close(IOException cause) {
    synchronized (this) {
      if (closed == null) {
        closed = cause;
      }
      if (deadlines != null) {
        deadlines.close();
      }
    }
    // Each reply leaves the map as it fails.
    waiting.values().forEach(reply -> reply.completeExceptionally(cause));
  }
}
