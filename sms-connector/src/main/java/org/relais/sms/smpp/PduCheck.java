package org.relais.sms.smpp;

/**
 * Checks the layout of a deliver_sm or data_sm before it is decoded (SMPP 3.4 sections 4.6.1 and
 * 4.7.1): every C-octet string ends inside the PDU, short_message fits, and each TLV's length
 * stays inside the PDU. jSMPP's decoder throws an unchecked exception on such a PDU and answers
 * nothing; this check lets the bind answer what SMPP asks instead.
 */
final class PduCheck {

  static final int HEADER = 16;

  private PduCheck() {}

  /** 0 when the deliver_sm is well formed, else the command_status to answer it with. */
  static int deliverSm(byte[] pdu) {
    Cursor c = new Cursor(pdu);
    boolean mandatory = c.cString() && c.skip(2) && c.cString() && c.skip(2) && c.cString() && c.skip(3)
        && c.cString() && c.cString() && c.skip(4) && c.shortMessage();
    return mandatory ? tlvs(c) : CommandStatus.ESME_RINVMSGLEN;
  }

  /** 0 when the data_sm is well formed, else the command_status to answer it with. */
  static int dataSm(byte[] pdu) {
    Cursor c = new Cursor(pdu);
    boolean mandatory = c.cString() && c.skip(2) && c.cString() && c.skip(2) && c.cString() && c.skip(3);
    return mandatory ? tlvs(c) : CommandStatus.ESME_RINVMSGLEN;
  }

  private static int tlvs(Cursor c) {
    while (c.remaining() > 0) {
      if (c.remaining() < 4) {
        return CommandStatus.ESME_RINVOPTPARSTREAM;
      }
      c.skip(2);
      int length = c.u16();
      if (!c.skip(length)) {
        return CommandStatus.ESME_RINVOPTPARSTREAM;
      }
    }
    return CommandStatus.ESME_ROK;
  }

  /** Reads forward through a PDU body; every step says whether it stayed inside. */
  private static final class Cursor {
    private final byte[] pdu;
    private int at = HEADER;

    Cursor(byte[] pdu) {
      this.pdu = pdu;
    }

    int remaining() {
      return pdu.length - at;
    }

    boolean skip(int n) {
      if (n > remaining()) {
        return false;
      }
      at += n;
      return true;
    }

    /** A C-octet string: its NUL must come before the end (its length is checked when decoded). */
    boolean cString() {
      for (int i = at; i < pdu.length; i++) {
        if (pdu[i] == 0) {
          at = i + 1;
          return true;
        }
      }
      return false;
    }

    boolean shortMessage() {
      if (remaining() < 1) {
        return false;
      }
      int length = pdu[at] & 0xFF;
      at++;
      return skip(length);
    }

    int u16() {
      int v = ((pdu[at] & 0xFF) << 8) | (pdu[at + 1] & 0xFF);
      at += 2;
      return v;
    }
  }
}
