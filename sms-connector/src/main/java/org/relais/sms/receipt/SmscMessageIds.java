package org.relais.sms.receipt;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Normalises SMSC message ids. Many SMSCs return the id in submit_sm_resp in one base and quote it
 * in the receipt in the other (hex vs decimal), some with leading zeros: {@link #canonical} gives
 * the form stored, {@link #candidates} the forms a receipt's id may match, exact form first.
 */
public final class SmscMessageIds {

  private static final int MAX_ID_LENGTH = 65;

  private SmscMessageIds() {}

  /** Trimmed, upper-cased, leading zeros removed ("0" stays "0"). */
  public static String canonical(String id) {
    if (id == null) {
      return "";
    }
    String s = id.trim().toUpperCase(Locale.ROOT);
    int i = 0;
    while (i < s.length() - 1 && s.charAt(i) == '0') {
      i++;
    }
    return s.substring(i);
  }

  /** The canonical id, then its decimal↔hex readings when it can be read in the other base. */
  public static List<String> candidates(String id) {
    return candidates(id, ReceiptIdForm.AUTO);
  }

  /**
   * The forms under which a receipt's id may have been stored, in the order to try them: with a
   * known {@code form} only the one reading it names (a guess could match another message).
   */
  public static List<String> candidates(String id, ReceiptIdForm form) {
    String c = canonical(id);
    return switch (form) {
      case AUTO -> auto(c);
      case SAME -> List.of(c);
      case HEX -> List.of(isHex(c) && c.length() <= MAX_ID_LENGTH ? new BigInteger(c, 16).toString(10) : c);
      case DECIMAL -> List.of(isDecimal(c) && c.length() <= MAX_ID_LENGTH
          ? new BigInteger(c, 10).toString(16).toUpperCase(Locale.ROOT) : c);
    };
  }

  private static List<String> auto(String c) {
    if (c.isEmpty() || c.length() > MAX_ID_LENGTH) {
      return List.of(c);
    }
    List<String> out = new ArrayList<>(3);
    out.add(c);
    if (isDecimal(c)) {
      add(out, new BigInteger(c, 10).toString(16).toUpperCase(Locale.ROOT));
    }
    if (isHex(c)) {
      add(out, new BigInteger(c, 16).toString(10));
    }
    return List.copyOf(out);
  }

  private static boolean isDecimal(String c) {
    for (int i = 0; i < c.length(); i++) {
      char ch = c.charAt(i);
      if (ch < '0' || ch > '9') {
        return false;
      }
    }
    return !c.isEmpty();
  }

  private static boolean isHex(String c) {
    for (int i = 0; i < c.length(); i++) {
      char ch = c.charAt(i);
      if (ch >= 128 || Character.digit(ch, 16) < 0) {
        return false;
      }
    }
    return !c.isEmpty();
  }

  private static void add(List<String> out, String form) {
    if (!out.contains(form)) {
      out.add(form);
    }
  }
}
