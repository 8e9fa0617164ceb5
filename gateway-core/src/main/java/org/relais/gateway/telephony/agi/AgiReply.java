package org.relais.gateway.telephony.agi;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reply to an AGI command: {@code 200 result=<r> [(data)] [endpos=<n>]}, or an error code (510
 * unknown command, 511 dead channel, 520 bad usage with its usage text).
 */
public record AgiReply(int code, String result, String data, Long endpos, String text) {

  public static final int OK = 200;
  public static final int INVALID_COMMAND = 510;
  public static final int DEAD_CHANNEL = 511;
  public static final int USAGE = 520;

  private static final Pattern STATUS = Pattern.compile("^(\\d{3})([ -])(.*)$");
  private static final Pattern RESULT =
      Pattern.compile("^result=(\\S*)(?:\\s+\\((.*?)\\))?(?:\\s+endpos=(-?\\d+))?\\s*$");

  /** True for the first line of a reply ({@code 200 ...}, {@code 520-...}). */
  static boolean isStatusLine(String line) {
    return STATUS.matcher(line).matches();
  }

  /** True for {@code 520-}: a usage text follows until {@code 520 End of proper usage.}. */
  static boolean opensUsage(String line) {
    return line.startsWith(USAGE + "-");
  }

  /** Reads a reply from its lines (one, or the lines of a 520 usage text). */
  static AgiReply parse(List<String> lines) {
    String first = lines.getFirst();
    Matcher m = STATUS.matcher(first);
    if (!m.matches()) {
      throw new IllegalArgumentException("not an AGI reply: " + first);
    }
    int code = Integer.parseInt(m.group(1));
    String rest = m.group(3);
    if (code == OK) {
      Matcher r = RESULT.matcher(rest);
      if (r.matches()) {
        return new AgiReply(code, r.group(1), r.group(2), r.group(3) == null ? null : Long.parseLong(r.group(3)), first);
      }
      return new AgiReply(code, "", null, null, first);
    }
    return new AgiReply(code, null, null, null, String.join("\n", lines));
  }

  public boolean isOk() {
    return code == OK;
  }

  /** The result as a number, or {@code fallback} when it is empty or not a number (GET DATA digits are). */
  public int resultAsInt(int fallback) {
    if (result == null || result.isEmpty()) {
      return fallback;
    }
    try {
      return Integer.parseInt(result);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
