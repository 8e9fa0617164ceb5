package org.relais.sms.encoding;

/**
 * One submit_sm worth of a text: {@code header} is the user data header to put before
 * {@code body} (null when there is none), and {@code number}/{@code total}/{@code reference}
 * identify the part for SAR TLVs and receipts.
 */
public record Segment(int number, int total, int reference, byte[] header, byte[] body) {

  /** short_message as sent: header, then body. */
  public byte[] shortMessage() {
    if (header == null) {
      return body;
    }
    byte[] out = new byte[header.length + body.length];
    System.arraycopy(header, 0, out, 0, header.length);
    System.arraycopy(body, 0, out, header.length, body.length);
    return out;
  }
}
