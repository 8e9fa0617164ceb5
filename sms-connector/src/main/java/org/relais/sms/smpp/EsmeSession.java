package org.relais.sms.smpp;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.DefaultPDUSender;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.connection.ConnectionFactory;
import org.jsmpp.util.DefaultComposer;
import org.relais.sms.AnswerBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A jSMPP client session whose incoming deliver_sm and data_sm go to an {@link InboundTap}, so
 * that they are answered once committed, from whatever thread the commit completes on, without
 * holding one of jSMPP's processing threads for each. Its connection's output coalesces the PDUs
 * its threads send at once ({@link CoalescingOutputStream}): each PDU is written whole, so the
 * sender needs no lock of its own. Its submit_sm are appended, then sent together, and answered by
 * the reader ({@link SubmitReplies}), and so is its unbind: a session unbinds once, however many
 * threads end it, and stops waiting for the unbind_resp as soon as the connection closes.
 */
final class EsmeSession extends SMPPSession {

  private static final Logger log = LoggerFactory.getLogger(EsmeSession.class);
  private static final OptionalParameter[] NO_TLVS = new OptionalParameter[0];
  /** How long the reader, closing the session after a PDU it cannot read, lets its last PDUs leave. */
  static final Duration READER_FAREWELL = Duration.ofSeconds(1);

  /** Composes a PDU for the sequence number it is given. */
  @FunctionalInterface
  interface Composer {
    byte[] pdu(int sequence) throws PDUStringException;
  }

  private final SubmitReplies replies;
  private final InboundTap tap;
  private final Duration responseTimeout;
  private final AtomicBoolean ending = new AtomicBoolean();
  private final CountDownLatch closed = new CountDownLatch(1);

  /**
   * @param responseTimeout how long a submit and the unbind wait for their resp, and the
   *     transaction timer of jSMPP's own requests
   */
  EsmeSession(ConnectionFactory connections, InboundTap tap, Duration responseTimeout) {
    super(new DefaultPDUSender(new DefaultComposer()), tap, new CoalescingConnections(connections, tap::isReader));
    this.replies = new SubmitReplies(responseTimeout);
    this.tap = tap;
    this.responseTimeout = responseTimeout;
    setTransactionTimer(responseTimeout.toMillis());
    tap.attach(this);
  }

  /**
   * Appends the submit_sm {@code composer} composes to the connection's output, not yet sent:
   * {@link #flush} sends it, with every PDU appended meanwhile. Returns its reply, which the reader
   * completes ({@link SubmitReplies}). A failed append closes the session, as a failed write does
   * in jSMPP, and so fails every reply still waiting.
   */
  SubmitReplies.Reply append(Composer composer) throws PDUStringException, IOException {
    ensureTransmittable("submit_sm");
    int sequence = replies.nextSequence();
    byte[] pdu = composer.pdu(sequence);
    SubmitReplies.Reply reply = replies.expect(sequence);
    try {
      output().withoutFlush().write(pdu);
    } catch (IOException | RuntimeException e) {
      replies.forget(reply);
      throw broken(e);
    }
    return reply;
  }

  /**
   * Sends what was appended, and starts the response timeout of each of {@code sent}, counted from
   * the end of the write. A failed write closes the session, which fails the replies still waiting.
   */
  void flush(List<SubmitReplies.Reply> sent) throws IOException {
    try {
      output().flush();
    } catch (IOException | RuntimeException e) {
      throw broken(e);
    }
    for (SubmitReplies.Reply reply : sent) {
      replies.written(reply);
    }
  }

  /** Closes the session after a failed write to its output; returns the failure as an IOException. */
  private IOException broken(Exception e) {
    if (e instanceof CoalescingOutputStream.PeerNotReading) {
      log.warn("session {}: {}; closing the connection", getSessionId(), e.getMessage());
    }
    close();
    return e instanceof IOException io ? io : new IOException("PDU not sent: " + e, e);
  }

  /** The connection's output: always coalescing, as the session makes its connections through {@link CoalescingConnections}. */
  private CoalescingOutputStream output() {
    return (CoalescingOutputStream) connection().getOutputStream();
  }

  /** Writes to the socket so far, each carrying one PDU or more. */
  long socketWrites() {
    return output().socketWrites();
  }

  /** Bytes appended to the connection's output that the socket has not taken yet. */
  long unwritten() {
    return output().unwritten();
  }

  /** The submits waiting for their resp, which the reader answers. */
  SubmitReplies replies() {
    return replies;
  }

  /** Closes the connection, and fails the submits still waiting: no resp will come for them. */
  @Override
  public void close() {
    try {
      super.close();
    } finally {
      replies.close(new IOException("the session closed"));
      closed.countDown();
    }
  }

  /**
   * Unbinds and closes, once: the first caller sends the unbind and waits for its unbind_resp up
   * to the response timeout, or until the connection closes (an SMSC may close at once, answering
   * or not); a later or concurrent caller waits for that first one to close the session (up to the
   * response timeout and a second, then closes it). The session's own reader (after a PDU it
   * cannot read) never waits for the answer, as only it could read it: it sends the unbind (when
   * no other thread is unbinding), gives what it wrote last (jSMPP's generic_nack, the unbind)
   * {@link #READER_FAREWELL} to leave, never waiting on a peer that reads nothing beyond that, and
   * closes.
   */
  @Override
  public void unbindAndClose() {
    if (!ending.compareAndSet(false, true)) {
      if (onReader()) {
        // Another thread unbinds and waits for an answer only this one could read.
        farewell();
        close();
      } else {
        awaitClosed();
      }
      return;
    }
    try {
      if (getSessionState().isBound()) {
        unbindOnce();
      }
    } finally {
      if (onReader()) {
        farewell();
      }
      close();
    }
  }

  /** On the reader, about to close: lets what it handed over leave, for {@link #READER_FAREWELL} at most. */
  private void farewell() {
    try {
      output().awaitWritten(READER_FAREWELL);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void unbindOnce() {
    int sequence = replies.nextSequence();
    SubmitReplies.Reply reply = replies.expect(sequence);
    try {
      pduSender().sendUnbind(output(), sequence);
      if (!onReader()) {
        reply.get(responseTimeout.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (IOException | ExecutionException e) {
      log.debug("unbind of session {} ended without its unbind_resp: {}", getSessionId(), e.toString());
    } catch (TimeoutException e) {
      log.warn("no unbind_resp from the SMSC within {} ms; closing the session", responseTimeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      replies.forget(reply);
    }
  }

  private void awaitClosed() {
    try {
      if (!closed.await(responseTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS)) {
        close();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether the current thread is the session's reader, which never waits on the socket ({@link CoalescingOutputStream}). */
  boolean onReader() {
    return tap.isReader(Thread.currentThread());
  }

  /** Notes a PDU read off jSMPP's path as the session's activity, which the dead-peer check reads. */
  void noteActivity() {
    sessionContext().notifyActivity();
  }

  /**
   * Answers a deliver_sm or data_sm, in one write to the connection's output, as every PDU; inside
   * an {@link AnswerBatch}, flushed at its end. On the session's reader (a malformed PDU, a commit
   * done at once) the answer is appended and its write handed over: the reader never waits on the
   * socket ({@link CoalescingOutputStream}). A failed write closes the session, as for a submit.
   */
  void respond(int commandId, int status, int sequenceNumber) throws IOException {
    CoalescingOutputStream coalescing = output();
    OutputStream out = AnswerBatch.defer(coalescing) ? coalescing.withoutFlush() : coalescing;
    try {
      if (commandId == SMPPConstant.CID_DATA_SM) {
        if (status != CommandStatus.ESME_ROK) {
          pduSender().sendHeader(out, SMPPConstant.CID_DATA_SM_RESP, status, sequenceNumber);
        } else {
          pduSender().sendDataSmResp(out, status, sequenceNumber, "", NO_TLVS);
        }
      } else {
        pduSender().sendDeliverSmResp(out, status, sequenceNumber, null);
      }
    } catch (PDUStringException e) {
      throw new IOException("cannot compose data_sm_resp", e);
    } catch (IOException | RuntimeException e) {
      throw broken(e);
    }
  }
}
