package org.relais.gateway.subscribers;

import java.util.Optional;
import java.util.regex.Pattern;

/** Phone numbers as Relais keeps them (E.164 with '+', or national digits) and as logs show them (masked). */
public final class PhoneNumbers {

  private static final Pattern ACCEPTED = Pattern.compile("\\+?[0-9]{3,15}");

  private PhoneNumbers() {}

  /** The number without spaces, dots, brackets or dashes, with '00' read as '+'; empty when it is not a phone number. */
  public static Optional<String> normalize(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String n = withoutSeparators(raw);
    if (n.startsWith("00")) {
      n = "+" + n.substring(2);
    }
    return ACCEPTED.matcher(n).matches() ? Optional.of(n) : Optional.empty();
  }

  /**
   * {@code raw} without white space (with the no-break spaces French typing puts between digit
   * pairs), dots, brackets or dashes; itself when it has none.
   */
  private static String withoutSeparators(String raw) {
    StringBuilder out = null;
    for (int i = 0; i < raw.length(); i++) {
      char ch = raw.charAt(i);
      boolean separator = switch (ch) {
        case ' ', '\t', '\n', '\013', '\f', '\r', '\u00a0', '\u202f', '.', '(', ')', '-' -> true;
        default -> false;
      };
      if (separator && out == null) {
        out = new StringBuilder(raw.length()).append(raw, 0, i);
      } else if (!separator && out != null) {
        out.append(ch);
      }
    }
    return out == null ? raw : out.toString();
  }

  /** Keeps the first digits and the last two: {@code +2162012****56}. */
  public static String mask(String number) {
    if (number == null || number.isEmpty()) {
      return "-";
    }
    if (number.length() <= 4) {
      return "****";
    }
    int keepStart = Math.min(number.length() - 4, number.startsWith("+") ? 6 : 4);
    return number.substring(0, keepStart) + "*".repeat(number.length() - keepStart - 2)
        + number.substring(number.length() - 2);
  }
}
