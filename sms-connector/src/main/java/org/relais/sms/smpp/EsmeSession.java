package org.relais.sms.smpp;

import java.io.IOException;
import java.io.OutputStream;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.DefaultPDUSender;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.connection.ConnectionFactory;
import org.jsmpp.util.DefaultComposer;

/**
 * A jSMPP client session whose incoming deliver_sm and data_sm go to an {@link InboundTap}, so
 * that they are answered once committed, from whatever thread the commit completes on, without
 * holding one of jSMPP's processing threads for each. Its connection's output coalesces the PDUs
 * its threads send at once ({@link CoalescingOutputStream}): each PDU is written whole, so the
 * sender needs no lock of its own.
 */
final class EsmeSession extends SMPPSession {

  private static final OptionalParameter[] NO_TLVS = new OptionalParameter[0];

  EsmeSession(ConnectionFactory connections, InboundTap tap) {
    super(new DefaultPDUSender(new DefaultComposer()), tap, new CoalescingConnections(connections));
    tap.attach(this);
  }

  /** Notes a PDU read off jSMPP's path as activity, for the enquire_link timer and the dead-peer check. */
  void noteActivity() {
    sessionContext().notifyActivity();
  }

  /**
   * Answers a deliver_sm or data_sm, in one write to the connection's output, as every PDU; inside
   * an {@link AnswerBatch}, flushed at its end.
   */
  void respond(int commandId, int status, int sequenceNumber) throws IOException {
    OutputStream out = AnswerBatch.output(connection().getOutputStream());
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
