package org.relais.sms.smpp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;
import org.relais.sms.InboundSms;
import org.relais.sms.encoding.Alphabet;
import org.relais.sms.receipt.DeliveryReceipt;
import org.relais.sms.receipt.ReceiptParser;

/** Turns a jSMPP deliver_sm into a text or a receipt; jSMPP's beans go no further than this class. */
final class DeliverSmReader {

  static final short TAG_RECEIPTED_MESSAGE_ID = 0x001E;
  static final short TAG_MESSAGE_STATE = 0x0427;
  static final short TAG_NETWORK_ERROR_CODE = 0x0423;
  static final short TAG_MESSAGE_PAYLOAD = 0x0424;

  /** What a deliver_sm carried. */
  sealed interface Delivery permits Text, Receipt {}

  /** A text from a citizen. */
  record Text(InboundSms sms) implements Delivery {}

  /** A delivery receipt for a message Relais sent. */
  record Receipt(DeliveryReceipt receipt) implements Delivery {}

  private final String bind;
  private final Alphabet smscDefault;

  DeliverSmReader(String bind, Alphabet smscDefault) {
    this.bind = bind;
    this.smscDefault = smscDefault;
  }

  /** Reads a deliver_sm; empty when it claims to be a receipt but names no id or status. */
  Optional<Delivery> read(DeliverSm pdu, Instant now) {
    byte[] userData = userData(pdu);
    Alphabet alphabet = Alphabet.of(pdu.getDataCoding(), smscDefault);
    if (pdu.isSmscDeliveryReceipt() || pdu.getOptionalParameter(TAG_RECEIPTED_MESSAGE_ID) != null) {
      String text = Alphabet.of(pdu.getDataCoding(), Alphabet.LATIN1) == Alphabet.UCS2
          ? alphabet.decode(userData, 0, userData.length)
          : new String(userData, StandardCharsets.ISO_8859_1);
      return ReceiptParser.parse(
              stringTlv(pdu, TAG_RECEIPTED_MESSAGE_ID), intTlv(pdu, TAG_MESSAGE_STATE),
              networkError(pdu), text)
          .map(Receipt::new);
    }
    int offset = pdu.isUdhi() && userData.length > 0 ? Math.min(userData.length, (userData[0] & 0xFF) + 1) : 0;
    String text = alphabet.decode(userData, offset, userData.length - offset);
    String source = address(pdu.getSourceAddr(), pdu.getSourceAddrTon());
    String destination = address(pdu.getDestAddress(), pdu.getDestAddrTon());
    return Optional.of(new Text(new InboundSms(bind, source, destination, text, now,
        dedupeKey(pdu, userData), 1)));
  }

  private static byte[] userData(DeliverSm pdu) {
    byte[] sm = pdu.getShortMessage();
    if (sm != null && sm.length > 0) {
      return sm;
    }
    OptionalParameter payload = pdu.getOptionalParameter(TAG_MESSAGE_PAYLOAD);
    if (payload instanceof OptionalParameter.OctetString octets) {
      return octets.getValue();
    }
    return new byte[0];
  }

  /** International numbers (TON 1) get a leading '+', so one citizen has one form whatever the SMSC sends. */
  static String address(String digits, byte ton) {
    if (digits == null) {
      return "";
    }
    String d = digits.trim();
    if (ton == 1 && !d.startsWith("+") && !d.isEmpty() && d.chars().allMatch(Character::isDigit)) {
      return "+" + d;
    }
    return d;
  }

  private String dedupeKey(DeliverSm pdu, byte[] userData) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(bind.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(String.valueOf(pdu.getSourceAddr()).getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(String.valueOf(pdu.getDestAddress()).getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(pdu.getDataCoding());
      sha.update(pdu.getEsmClass());
      sha.update(userData);
      return HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static String stringTlv(DeliverSm pdu, short tag) {
    OptionalParameter p = pdu.getOptionalParameter(tag);
    if (p instanceof OptionalParameter.OctetString octets) {
      byte[] v = octets.getValue();
      int len = v.length;
      while (len > 0 && v[len - 1] == 0) {
        len--;
      }
      return new String(v, 0, len, StandardCharsets.ISO_8859_1);
    }
    return null;
  }

  private static Integer intTlv(DeliverSm pdu, short tag) {
    OptionalParameter p = pdu.getOptionalParameter(tag);
    if (p instanceof OptionalParameter.Byte b) {
      return b.getValue() & 0xFF;
    }
    if (p instanceof OptionalParameter.Short s) {
      return s.getValue() & 0xFFFF;
    }
    if (p instanceof OptionalParameter.Int i) {
      return i.getValue();
    }
    if (p instanceof OptionalParameter.OctetString o && o.getValue().length == 1) {
      return o.getValue()[0] & 0xFF;
    }
    return null;
  }

  private static String networkError(DeliverSm pdu) {
    OptionalParameter p = pdu.getOptionalParameter(TAG_NETWORK_ERROR_CODE);
    if (p instanceof OptionalParameter.OctetString o && o.getValue().length == 3) {
      byte[] v = o.getValue();
      return "%d:%d".formatted(v[0] & 0xFF, ((v[1] & 0xFF) << 8) | (v[2] & 0xFF));
    }
    return null;
  }
}
