package org.relais.sms.smpp;

import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.util.DefaultDecomposer;
import org.jsmpp.util.PDUDecomposer;

/**
 * The submit_sm a session sent and awaits the resp of, by sequence number. The session's reader
 * answers them as it reads their resp ({@link InboundTap}): the submitting thread wakes straight
 * from the reader, without the hand-off to a thread of jSMPP's processing pool that jSMPP's own
 * submit costs. The outcomes are jSMPP's: the SMSC's message id, a {@link NegativeResponseException}
 * for a resp with an error status, an {@link InvalidResponseException} for a generic_nack or a resp
 * that cannot be read, a {@link ResponseTimeoutException} when none comes in time. The session's
 * unbind waits here too ({@link EsmeSession#unbindAndClose}), for an unbind_resp (an empty id), so
 * that a closed connection ends its wait at once.
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

  private final Map<Integer, CompletableFuture<String>> waiting = new ConcurrentHashMap<>();
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
   * Notes that the submit_sm of {@code sequence} is about to be sent; its reply completes the
   * future (at once with the failure that closed these replies, if they are closed).
   */
  CompletableFuture<String> expect(int sequence) {
    CompletableFuture<String> reply = new CompletableFuture<>();
    waiting.put(sequence, reply);
    IOException cause = closedBy();
    if (cause != null) {
      waiting.remove(sequence, reply);
      reply.completeExceptionally(cause);
    }
    return reply;
  }

  /** Starts the timeout of a submit whose submit_sm is written. */
  void written(CompletableFuture<String> reply) {
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
   * header included), or the unbind with its unbind_resp; false when no submit waits for it (any more: it gave up, and the resp is late).
   */
  boolean answer(int commandId, int status, int sequence, byte[] pdu) {
    CompletableFuture<String> reply = waiting.remove(sequence);
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

  /** Waits for the reply to the submit of {@code sequence}, failed by the deadlines past the timeout. */
  String await(int sequence, CompletableFuture<String> reply) throws ResponseTimeoutException,
      InvalidResponseException, NegativeResponseException, IOException, InterruptedException {
    try {
      return reply.get();
    } catch (ExecutionException e) {
      switch (e.getCause()) {
        case TimeoutException t -> throw new ResponseTimeoutException(t.getMessage());
        case NegativeResponseException n -> throw n;
        case InvalidResponseException i -> throw i;
        case IOException io -> throw io;
        default -> throw new IOException(e.getCause());
      }
    } finally {
      waiting.remove(sequence, reply);
    }
  }

  /** Stops waiting for {@code reply}: its submit_sm could not be sent. */
  void forget(int sequence, CompletableFuture<String> reply) {
    waiting.remove(sequence, reply);
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
    for (Iterator<CompletableFuture<String>> it = waiting.values().iterator(); it.hasNext(); ) {
      CompletableFuture<String> reply = it.next();
      it.remove();
      reply.completeExceptionally(cause);
    }
  }
}
