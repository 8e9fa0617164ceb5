package org.relais.sms.receipt;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a delivery receipt: the receipted_message_id and message_state TLVs when present, then the
 * text form of SMPP 3.4 appendix B for whatever they leave out. Field order and case vary between
 * SMSCs and are not relied on.
 */
public final class ReceiptParser {

  /** The field names of the text form, lower case, matched in any ASCII case, tried in this order. */
  private static final String[] KEYS = {"id", "sub", "dlvrd", "submit date", "done date", "stat", "err", "text"};
  private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("yyMMddHHmm");
  private static final DateTimeFormatter LONG = DateTimeFormatter.ofPattern("yyMMddHHmmss");

  private ReceiptParser() {}

  /**
   * @param receiptedMessageId the receipted_message_id TLV, or null
   * @param messageState the message_state TLV, or null
   * @param networkError the network_error_code TLV rendered as text, or null
   * @param text the short_message (or message_payload) decoded as text, or null
   * @return the receipt, or empty when neither the TLVs nor the text name an id and a status
   */
  public static Optional<DeliveryReceipt> parse(
      String receiptedMessageId, Integer messageState, String networkError, String text) {
    Map<String, String> fields = text == null ? Map.of() : fields(text);
    String id = notBlank(receiptedMessageId) ? receiptedMessageId.trim() : fields.get("id");
    Optional<ReceiptStatus> status = messageState != null
        ? ReceiptStatus.ofMessageState(messageState)
        : Optional.empty();
    if (status.isEmpty()) {
      status = ReceiptStatus.ofStat(fields.get("stat"));
    }
    if (!notBlank(id) || status.isEmpty()) {
      return Optional.empty();
    }
    String error = notBlank(fields.get("err")) ? fields.get("err") : networkError;
    return Optional.of(new DeliveryReceipt(id, status.get(), error, date(fields.get("done date"))));
  }

  /**
   * The text form's fields, the first of each name kept: a name (in any ASCII case) at the start or
   * after a whitespace, a colon, optional whitespace, then the value up to the next whitespace. It
   * reads as {@code (?i)(?:^|\s)(id|sub|dlvrd|submit date|done date|stat|err|text):\s*(\S*)} found
   * from left to right would, a field's value ending where the search for the next one starts; by
   * hand, as every receipt is read this way.
   */
  static Map<String, String> fields(String text) {
    Map<String, String> fields = new HashMap<>();
    int n = text.length();
    int i = 0;
    while (i < n) {
      int key = i == 0 ? keyAt(text, 0) : -1;
      int start = 0;
      if (key < 0 && isSpace(text.charAt(i))) {
        key = keyAt(text, i + 1);
        start = i + 1;
      }
      if (key < 0) {
        i++;
        continue;
      }
      int value = start + KEYS[key].length() + 1;
      while (value < n && isSpace(text.charAt(value))) {
        value++;
      }
      int end = value;
      while (end < n && !isSpace(text.charAt(end))) {
        end++;
      }
      fields.putIfAbsent(KEYS[key], text.substring(value, end));
      i = end;
    }
    return fields;
  }

  /** The index in {@link #KEYS} of the name that starts at {@code at} followed by a colon, or -1. */
  private static int keyAt(String text, int at) {
    for (int k = 0; k < KEYS.length; k++) {
      String key = KEYS[k];
      int colon = at + key.length();
      if (colon < text.length() && text.charAt(colon) == ':' && asciiEqualsIgnoreCase(text, at, key)) {
        return k;
      }
    }
    return -1;
  }

  private static boolean asciiEqualsIgnoreCase(String text, int at, String lowerKey) {
    for (int j = 0; j < lowerKey.length(); j++) {
      char c = text.charAt(at + j);
      char k = lowerKey.charAt(j);
      if (c != k && !(k >= 'a' && k <= 'z' && c == k - 32)) {
        return false;
      }
    }
    return true;
  }

  /** Whitespace as regular expressions' {@code \s} reads it: space, tab, line feed, vertical tab, form feed, return. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  private static Instant date(String value) {
    if (value == null) {
      return null;
    }
    try {
      DateTimeFormatter f = value.length() == 12 ? LONG : SHORT;
      return LocalDateTime.parse(value, f).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }
}
