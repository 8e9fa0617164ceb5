package org.relais.sms.smpp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** SMPP 3.4 PDUs written byte by byte, so tests can send what no SMPP library would: wrong lengths, cut TLVs. */
final class RawPdus {

  static final int DELIVER_SM = 0x00000005;
  static final int DATA_SM = 0x00000103;
  static final int GENERIC_NACK = 0x80000000;

  private RawPdus() {}

  /** A deliver_sm from an international number. */
  static byte[] deliverSm(int seq, String from, String to, byte dataCoding, byte[] shortMessage, byte[]... tlvs) {
    return deliverSm(seq, from, to, (byte) 0, dataCoding, shortMessage, tlvs);
  }

  static byte[] deliverSm(int seq, String from, String to, byte esmClass, byte dataCoding, byte[] shortMessage,
      byte[]... tlvs) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    cString(body, "");
    body.write(1);
    body.write(1);
    cString(body, from);
    body.write(0);
    body.write(0);
    cString(body, to);
    body.write(esmClass);
    body.write(0);
    body.write(0);
    cString(body, "");
    cString(body, "");
    body.write(0);
    body.write(0);
    body.write(dataCoding);
    body.write(0);
    body.write(shortMessage.length);
    body.writeBytes(shortMessage);
    for (byte[] tlv : tlvs) {
      body.writeBytes(tlv);
    }
    return pdu(DELIVER_SM, 0, seq, body.toByteArray());
  }

  /** A data_sm from an international number; its text goes in a message_payload TLV. */
  static byte[] dataSm(int seq, String from, String to, byte dataCoding, byte[]... tlvs) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    cString(body, "");
    body.write(1);
    body.write(1);
    cString(body, from);
    body.write(0);
    body.write(0);
    cString(body, to);
    body.write(0);
    body.write(0);
    body.write(dataCoding);
    for (byte[] tlv : tlvs) {
      body.writeBytes(tlv);
    }
    return pdu(DATA_SM, 0, seq, body.toByteArray());
  }

  static byte[] tlv(int tag, byte[] value) {
    return ByteBuffer.allocate(4 + value.length).putShort((short) tag).putShort((short) value.length).put(value).array();
  }

  static byte[] pdu(int commandId, int status, int seq, byte[] body) {
    return ByteBuffer.allocate(16 + body.length).putInt(16 + body.length).putInt(commandId).putInt(status).putInt(seq)
        .put(body).array();
  }

  /** The same PDU with its command_length set to its real length. */
  static byte[] withLength(byte[] pdu) {
    ByteBuffer.wrap(pdu).putInt(0, pdu.length);
    return pdu;
  }

  private static void cString(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    out.write(0);
  }
}
