package org.relais.sms.smpp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.jsmpp.bean.AbstractSmCommand;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;
import org.relais.sms.InboundPart;
import org.relais.sms.InboundSms;
import org.relais.sms.encoding.Alphabet;
import org.relais.sms.encoding.UserDataHeader;
import org.relais.sms.receipt.DeliveryReceipt;
import org.relais.sms.receipt.ReceiptIdForm;
import org.relais.sms.receipt.ReceiptParser;

/**
 * Turns a jSMPP deliver_sm or data_sm into a text, a part of a text, or a receipt; jSMPP's beans
 * go no further than this class.
 */
final class DeliverSmReader {

  static final short TAG_RECEIPTED_MESSAGE_ID = 0x001E;
  static final short TAG_MESSAGE_STATE = 0x0427;
  static final short TAG_NETWORK_ERROR_CODE = 0x0423;
  static final short TAG_MESSAGE_PAYLOAD = 0x0424;
  static final short TAG_SAR_MSG_REF_NUM = 0x020C;
  static final short TAG_SAR_TOTAL_SEGMENTS = 0x020E;
  static final short TAG_SAR_SEGMENT_SEQNUM = 0x020F;

  private static final int ESM_UDHI = 0x40;
  private static final int ESM_TYPE_MASK = 0x3C;
  private static final int ESM_TYPE_RECEIPT = 0x04;
  private static final int ESM_TYPE_INTERMEDIATE = 0x20;

  /** What a deliver_sm or data_sm carried. */
  sealed interface Delivery permits Text, Part, Receipt {}

  /** A whole text from a citizen. */
  record Text(InboundSms sms) implements Delivery {}

  /** One part of a concatenated text from a citizen. */
  record Part(InboundPart part) implements Delivery {}

  /** A delivery receipt for a message Relais sent. */
  record Receipt(DeliveryReceipt receipt) implements Delivery {}

  private final String bind;
  private final Alphabet smscDefault;
  private final ReceiptIdForm idForm;

  DeliverSmReader(String bind, Alphabet smscDefault, ReceiptIdForm idForm) {
    this.bind = bind;
    this.smscDefault = smscDefault;
    this.idForm = idForm;
  }

  /** Reads a deliver_sm; empty when it claims to be a receipt but names no id or status. */
  Optional<Delivery> read(DeliverSm pdu, Instant now) {
    return read(pdu, pdu.getShortMessage(), now);
  }

  /**
   * Reads a deliver_sm or a data_sm ({@code shortMessage} null: data_sm carries its text in
   * message_payload only).
   */
  Optional<Delivery> read(AbstractSmCommand pdu, byte[] shortMessage, Instant now) {
    byte[] userData = userData(pdu, shortMessage);
    Alphabet alphabet = Alphabet.of(pdu.getDataCoding(), smscDefault);
    int type = pdu.getEsmClass() & ESM_TYPE_MASK;
    if (type == ESM_TYPE_RECEIPT || type == ESM_TYPE_INTERMEDIATE
        || pdu.getOptionalParameter(TAG_RECEIPTED_MESSAGE_ID) != null) {
      String text = Alphabet.of(pdu.getDataCoding(), Alphabet.LATIN1) == Alphabet.UCS2
          ? alphabet.decode(userData, 0, userData.length)
          : new String(userData, StandardCharsets.ISO_8859_1);
      return ReceiptParser.parse(
              stringTlv(pdu, TAG_RECEIPTED_MESSAGE_ID), intTlv(pdu, TAG_MESSAGE_STATE), networkError(pdu), text)
          .map(r -> new Receipt(r.withIdForm(idForm)));
    }
    boolean udhi = (pdu.getEsmClass() & ESM_UDHI) != 0;
    int offset = udhi ? UserDataHeader.length(userData) : 0;
    String source = address(pdu.getSourceAddr(), pdu.getSourceAddrTon());
    String destination = address(pdu.getDestAddress(), pdu.getDestAddrTon());
    String key = dedupeKey(pdu, userData);
    Optional<UserDataHeader.Concat> concat = udhi ? UserDataHeader.concat(userData) : sar(pdu);
    if (concat.isPresent() && concat.get().isPart()) {
      UserDataHeader.Concat c = concat.get();
      String form = udhi ? "udh" + c.referenceBits() : "sar";
      String groupKey = source + "|" + destination + "|" + form + ":" + c.reference() + "/" + c.total();
      byte[] body = Arrays.copyOfRange(userData, offset, userData.length);
      return Optional.of(new Part(new InboundPart(bind, source, destination, groupKey, c.number(), c.total(),
          alphabet, body, key, now)));
    }
    String text = alphabet.decode(userData, offset, userData.length - offset);
    return Optional.of(new Text(new InboundSms(bind, source, destination, text, now, key, 1)));
  }

  private static Optional<UserDataHeader.Concat> sar(AbstractSmCommand pdu) {
    Integer ref = intTlv(pdu, TAG_SAR_MSG_REF_NUM);
    Integer total = intTlv(pdu, TAG_SAR_TOTAL_SEGMENTS);
    Integer number = intTlv(pdu, TAG_SAR_SEGMENT_SEQNUM);
    if (ref == null || total == null || number == null) {
      return Optional.empty();
    }
    return Optional.of(new UserDataHeader.Concat(ref, 16, total, number));
  }

  private static byte[] userData(AbstractSmCommand pdu, byte[] shortMessage) {
    if (shortMessage != null && shortMessage.length > 0) {
      return shortMessage;
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

  private static String dedupeKey(AbstractSmCommand pdu, byte[] userData) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(String.valueOf(pdu.getSourceAddr()).getBytes(StandardCharsets.ISO_8859_1));
      sha.update((byte) 0);
      sha.update(String.valueOf(pdu.getDestAddress()).getBytes(StandardCharsets.ISO_8859_1));
      sha.update((byte) 0);
      sha.update(pdu.getDataCoding());
      sha.update((byte) (pdu.getEsmClass() & ESM_UDHI));
      sha.update(userData);
      for (short tag : new short[] {TAG_SAR_MSG_REF_NUM, TAG_SAR_TOTAL_SEGMENTS, TAG_SAR_SEGMENT_SEQNUM}) {
        Integer v = intTlv(pdu, tag);
        sha.update((byte) (v == null ? -1 : v));
        sha.update((byte) (v == null ? -1 : v >> 8));
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static String stringTlv(AbstractSmCommand pdu, short tag) {
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

  private static Integer intTlv(AbstractSmCommand pdu, short tag) {
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

  private static String networkError(AbstractSmCommand pdu) {
    OptionalParameter p = pdu.getOptionalParameter(TAG_NETWORK_ERROR_CODE);
    if (p instanceof OptionalParameter.OctetString o && o.getValue().length == 3) {
      byte[] v = o.getValue();
      return "%d:%d".formatted(v[0] & 0xFF, ((v[1] & 0xFF) << 8) | (v[2] & 0xFF));
    }
    return null;
  }
}
