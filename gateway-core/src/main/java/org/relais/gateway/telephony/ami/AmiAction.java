package org.relais.gateway.telephony.ami;

import java.util.ArrayList;
import java.util.List;

/**
 * An action to send: its name and fields in order ({@code Variable} may repeat). The connection
 * adds our ActionID; values are stripped of line breaks when written, so no value can start a
 * line of its own.
 */
public record AmiAction(String name, List<AmiPacket.Field> fields) {

  public AmiAction {
    fields = List.copyOf(fields);
  }

  public static AmiAction of(String name) {
    return new AmiAction(name, List.of());
  }

  /** This action with one more field. */
  public AmiAction with(String key, String value) {
    List<AmiPacket.Field> more = new ArrayList<>(fields);
    more.add(new AmiPacket.Field(key, value));
    return new AmiAction(name, more);
  }

  /** The wire form: {@code Action:}, {@code ActionID:}, the fields, a blank line; every line ends in CR LF. */
  String encode(String actionId) {
    StringBuilder out = new StringBuilder(64 + 32 * fields.size());
    line(out, "Action", name);
    line(out, "ActionID", actionId);
    for (AmiPacket.Field f : fields) {
      line(out, f.key(), f.value());
    }
    return out.append("\r\n").toString();
  }

  private static void line(StringBuilder out, String key, String value) {
    out.append(oneLine(key)).append(": ").append(oneLine(value)).append("\r\n");
  }

  private static String oneLine(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\r' && c != '\n' && c != 0) {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** The action as a log shows it: its name and fields, the secret masked. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(name);
    for (AmiPacket.Field f : fields) {
      s.append(' ').append(f.key()).append('=').append(f.key().equalsIgnoreCase("Secret") ? "****" : f.value());
    }
    return s.toString();
  }
}
