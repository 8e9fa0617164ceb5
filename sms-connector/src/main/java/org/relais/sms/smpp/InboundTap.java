package org.relais.sms.smpp;

import java.io.DataInputStream;
import java.io.IOException;
import org.jsmpp.DefaultPDUReader;
import org.jsmpp.InvalidCommandLengthException;
import org.jsmpp.PDUReader;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Command;

/**
 * jSMPP's PDU reader with three changes: a command_length beyond {@link #MAX_PDU} is refused before
 * anything is allocated (jSMPP then answers generic_nack ESME_RINVCMDLEN and closes, and the bind
 * connects again); deliver_sm and data_sm go to the {@link InboundHandler} instead of jSMPP's
 * processing pool; and the resps to the session's own submits and unbind answer them from here
 * ({@link SubmitReplies}). jSMPP never sees these last two kinds; each still counts as the
 * session's activity, which the dead-peer check reads, as a PDU jSMPP processes does.
 */
final class InboundTap implements PDUReader {

  /** The longest PDU accepted: a 64 KB message_payload and its envelope. */
  static final int MAX_PDU = 66_000;

  private final PDUReader reader = new DefaultPDUReader();
  private final InboundHandler handler;
  private final boolean receives;
  private volatile EsmeSession session;
  private volatile boolean bound;
  private volatile Thread readerThread;

  /** @param receives whether the session is bound as a receiver (transceiver or receiver) */
  InboundTap(InboundHandler handler, boolean receives) {
    this.handler = handler;
    this.receives = receives;
  }

  void attach(EsmeSession session) {
    this.session = session;
  }

  /** Whether {@code thread} is the one reading the session's PDUs. */
  boolean isReader(Thread thread) {
    return readerThread == thread;
  }

  /**
   * Reads the next PDU's header, taking on the way every deliver_sm and data_sm (read whole, handed
   * to the handler) and every resp to a submit or unbind of the session's own
   * ({@link SubmitReplies}): jSMPP's reader hands each PDU whose header it gets to a thread of its
   * pool, which a PDU taken here would cost for nothing.
   */
  @Override
  public Command readPDUHeader(DataInputStream in) throws InvalidCommandLengthException, IOException {
    if (readerThread == null) {
      readerThread = Thread.currentThread();
    }
    while (true) {
      Command header = reader.readPDUHeader(in);
      if (header.getCommandLength() > MAX_PDU || header.getCommandLength() < 0) {
        throw new InvalidCommandLengthException("command_length " + header.getCommandLength() + " is above " + MAX_PDU);
      }
      int id = header.getCommandId();
      int sequence = header.getSequenceNumber();
      EsmeSession s = session;
      if (s != null && (id == SMPPConstant.CID_SUBMIT_SM_RESP || id == SMPPConstant.CID_GENERIC_NACK
          || id == SMPPConstant.CID_UNBIND_RESP) && s.replies().awaits(sequence)) {
        s.replies().answer(id, header.getCommandStatus(), sequence, reader.readPDU(in, header));
      } else if ((id == SMPPConstant.CID_DELIVER_SM || id == SMPPConstant.CID_DATA_SM) && receives && bound
          && s != null) {
        handler.handle(s, id, sequence, reader.readPDU(in, header));
      } else {
        return header;
      }
      s.noteActivity();
    }
  }

  @Override
  public byte[] readPDU(DataInputStream in, Command header) throws IOException {
    byte[] pdu = reader.readPDU(in, header);
    int id = header.getCommandId();
    if ((id == SMPPConstant.CID_BIND_TRANSCEIVER_RESP || id == SMPPConstant.CID_BIND_RECEIVER_RESP)
        && header.getCommandStatus() == 0) {
      // The SMSC may send a deliver_sm right behind its bind resp, before jSMPP's pool has
      // processed the resp and marked the session bound: the order on the wire decides.
      bound = true;
    }
    return pdu;
  }

  @Override
  public byte[] readPDU(DataInputStream in, int commandLength, int commandId, int commandStatus, int sequenceNumber)
      throws IOException {
    return reader.readPDU(in, commandLength, commandId, commandStatus, sequenceNumber);
  }
}
