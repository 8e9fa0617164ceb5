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
    String c = canonical(id);
    List<String> out = new ArrayList<>(3);
    out.add(c);
    if (c.isEmpty() || c.length() > MAX_ID_LENGTH) {
      return out;
    }
    if (c.chars().allMatch(Character::isDigit)) {
      add(out, new BigInteger(c, 10).toString(16).toUpperCase(Locale.ROOT));
    }
    if (c.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
      add(out, new BigInteger(c, 16).toString(10));
    }
    return List.copyOf(out);
  }

  private static void add(List<String> out, String form) {
    if (!out.contains(form)) {
      out.add(form);
    }
  }
}
