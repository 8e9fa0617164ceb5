package org.relais.gateway.telephony.agi;

import java.util.List;

/**
 * A reply to an AGI command: {@code 200 result=<r> [(data)] [endpos=<n>]}, or an error code (510
 * unknown command, 511 dead channel, 520 bad usage with its usage text).
 */
public record AgiReply(int code, String result, String data, Long endpos, String text) {

  public static final int OK = 200;
  public static final int INVALID_COMMAND = 510;
  public static final int DEAD_CHANNEL = 511;
  public static final int USAGE = 520;

  private static final String RESULT = "result=";
  private static final String ENDPOS = "endpos=";

  /**
   * True for the first line of a reply: three digits, a space or a dash, then any text on the same
   * line ({@code 200 ...}, {@code 520-...}). Read by hand, as {@link #parse} is: every command's
   * reply passes here, and a regular expression would cost a matcher each time.
   */
  static boolean isStatusLine(String line) {
    if (line.length() < 4 || !isDigit(line.charAt(0)) || !isDigit(line.charAt(1)) || !isDigit(line.charAt(2))) {
      return false;
    }
    char separator = line.charAt(3);
    return (separator == ' ' || separator == '-') && !hasLineBreak(line);
  }

  /** True for {@code 520-}: a usage text follows until {@code 520 End of proper usage.}. */
  static boolean opensUsage(String line) {
    return line.startsWith(USAGE + "-");
  }

  /** Reads a reply from its lines (one, or the lines of a 520 usage text). */
  static AgiReply parse(List<String> lines) {
    String first = lines.getFirst();
    if (!isStatusLine(first)) {
      throw new IllegalArgumentException("not an AGI reply: " + first);
    }
    int code = Integer.parseInt(first, 0, 3, 10);
    if (code == OK) {
      AgiReply reply = parseResult(first, first.substring(4));
      return reply != null ? reply : new AgiReply(code, "", null, null, first);
    }
    return new AgiReply(code, null, null, null, String.join("\n", lines));
  }

  /**
   * Reads {@code result=<r>[ (<data>)][ endpos=<n>]} (spaces may trail), or null when {@code rest}
   * is not of that form. The data runs to the last closing parenthesis before the optional endpos,
   * so a data text holding parentheses of its own is read whole.
   */
  private static AgiReply parseResult(String line, String rest) {
    if (!rest.startsWith(RESULT)) {
      return null;
    }
    int end = rest.length();
    while (end > 0 && isSpace(rest.charAt(end - 1))) {
      end--;
    }
    int resultEnd = RESULT.length();
    while (resultEnd < end && !isSpace(rest.charAt(resultEnd))) {
      resultEnd++;
    }
    String result = rest.substring(RESULT.length(), resultEnd);
    Long endpos = null;
    int endposAt = endposStart(rest, resultEnd, end);
    if (endposAt >= 0) {
      try {
        endpos = Long.parseLong(rest, endposAt + ENDPOS.length(), end, 10);
      } catch (NumberFormatException e) {
        return null; // beyond a long: no sound is that long, the line is not a reply of this form
      }
      end = endposAt;
      while (end > resultEnd && isSpace(rest.charAt(end - 1))) {
        end--;
      }
    }
    String data = null;
    int open = resultEnd;
    while (open < end && isSpace(rest.charAt(open))) {
      open++;
    }
    if (open < end) {
      if (open == resultEnd || rest.charAt(open) != '(' || rest.charAt(end - 1) != ')' || end - open < 2) {
        return null;
      }
      data = rest.substring(open + 1, end - 1);
    }
    return new AgiReply(OK, result, data, endpos, line);
  }

  /** Where {@code endpos=<n>} starts when {@code rest[from, end)} ends with a space and it, else -1. */
  private static int endposStart(String rest, int from, int end) {
    int digits = end;
    while (digits > from && isDigit(rest.charAt(digits - 1))) {
      digits--;
    }
    if (digits == end) {
      return -1;
    }
    int sign = digits > from && rest.charAt(digits - 1) == '-' ? digits - 1 : digits;
    int at = sign - ENDPOS.length();
    if (at <= from || !rest.startsWith(ENDPOS, at) || !isSpace(rest.charAt(at - 1))) {
      return -1;
    }
    return at;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** What {@code \\s} matches in a Java regular expression. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  static boolean hasLineBreak(String line) {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
        return true;
      }
    }
    return false;
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
