package org.relais.sms.encoding;

/** How a long text travels to the SMSC; chosen per bind, since SMSCs differ in what they accept. */
public enum Concatenation {
  /** A 3GPP TS 23.040 user data header in short_message, 8-bit reference (IEI 0x00). */
  UDH8,
  /** A user data header with a 16-bit reference (IEI 0x08), for heavy senders that wrap 256 too soon. */
  UDH16,
  /** SMPP sar_msg_ref_num / sar_total_segments / sar_segment_seqnum TLVs; the SMSC builds the header. */
  SAR,
  /** The whole text in one message_payload TLV; the SMSC splits it. */
  PAYLOAD
}
