package org.relais.sms.smpp;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.DefaultPDUSender;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.connection.ConnectionFactory;
import org.jsmpp.util.DefaultComposer;
import org.relais.sms.AnswerBatch;

/**
 * A jSMPP client session whose incoming deliver_sm and data_sm go to an {@link InboundTap}, so
 * that they are answered once committed, from whatever thread the commit completes on, without
 * holding one of jSMPP's processing threads for each. Its connection's output coalesces the PDUs
 * its threads send at once ({@link CoalescingOutputStream}): each PDU is written whole, so the
 * sender needs no lock of its own. Its submit_sm are answered by the reader too ({@link SubmitReplies}).
 */
final class EsmeSession extends SMPPSession {

  private static final OptionalParameter[] NO_TLVS = new OptionalParameter[0];

  /** Composes a PDU for the sequence number it is given. */
  @FunctionalInterface
  interface Composer {
    byte[] pdu(int sequence) throws PDUStringException;
  }

  private final SubmitReplies replies;

  /** @param responseTimeout how long a submit waits for its resp, and the transaction timer of jSMPP's own requests */
  EsmeSession(ConnectionFactory connections, InboundTap tap, java.time.Duration responseTimeout) {
    super(new DefaultPDUSender(new DefaultComposer()), tap, new CoalescingConnections(connections));
    this.replies = new SubmitReplies(responseTimeout);
    setTransactionTimer(responseTimeout.toMillis());
    tap.attach(this);
  }

  /**
   * Sends the submit_sm {@code composer} composes and waits for its resp, as jSMPP's own submit
   * does (the response timeout counted from the end of the write, the same exceptions); returns
   * the SMSC's id. A failed write closes the session, as in jSMPP.
   */
  String submit(Composer composer) throws PDUStringException, ResponseTimeoutException, InvalidResponseException,
      NegativeResponseException, IOException, InterruptedException {
    ensureTransmittable("submit_sm");
    int sequence = replies.nextSequence();
    byte[] pdu = composer.pdu(sequence);
    CompletableFuture<String> reply = replies.expect(sequence);
    try {
      OutputStream out = connection().getOutputStream();
      out.write(pdu);
      out.flush();
    } catch (IOException | RuntimeException e) {
      replies.forget(sequence, reply);
      close();
      throw e instanceof IOException io ? io : new IOException("submit_sm not sent: " + e, e);
    }
    replies.written(reply);
    return replies.await(sequence, reply);
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
    }
  }

  /** Notes a PDU read off jSMPP's path as the session's activity, which the dead-peer check reads. */
  void noteActivity() {
    sessionContext().notifyActivity();
  }

  /**
   * Answers a deliver_sm or data_sm, in one write to the connection's output, as every PDU; inside
   * an {@link AnswerBatch}, flushed at its end.
   */
  void respond(int commandId, int status, int sequenceNumber) throws IOException {
    OutputStream out = connection().getOutputStream();
    if (out instanceof CoalescingOutputStream coalescing && AnswerBatch.defer(coalescing)) {
      out = coalescing.withoutFlush();
    }
    if (commandId == SMPPConstant.CID_DATA_SM) {
      if (status != CommandStatus.ESME_ROK) {
        pduSender().sendHeader(out, SMPPConstant.CID_DATA_SM_RESP, status, sequenceNumber);
        return;
      }
      try {
        pduSender().sendDataSmResp(out, status, sequenceNumber, "", NO_TLVS);
      } catch (PDUStringException e) {
        throw new IOException("cannot compose data_sm_resp", e);
      }
    } else {
      pduSender().sendDeliverSmResp(out, status, sequenceNumber, null);
    }
  }
}
