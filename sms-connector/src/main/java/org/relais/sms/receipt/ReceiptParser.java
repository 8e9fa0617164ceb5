package org.relais.sms.receipt;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a delivery receipt: the receipted_message_id and message_state TLVs when present, then the
 * text form of SMPP 3.4 appendix B for whatever they leave out. Field order and case vary between
 * SMSCs and are not relied on.
 */
public final class ReceiptParser {

  private static final Pattern FIELD = Pattern.compile(
      "(?i)(?:^|\\s)(id|sub|dlvrd|submit date|done date|stat|err|text):\\s*(\\S*)");
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

  static Map<String, String> fields(String text) {
    Map<String, String> fields = new HashMap<>();
    Matcher m = FIELD.matcher(text);
    while (m.find()) {
      fields.putIfAbsent(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2));
    }
    return fields;
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
