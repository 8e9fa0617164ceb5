package org.relais.gateway.telephony.ami;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One AMI packet as received: its {@code Key: Value} fields in order (a key may repeat). */
public record AmiPacket(List<Field> fields) {

  /** One line of a packet. */
  public record Field(String key, String value) {}

  public AmiPacket {
    fields = List.copyOf(fields);
  }

  /** The value of the first field named {@code key} (ignoring case), or null. */
  public String get(String key) {
    for (Field f : fields) {
      if (f.key().equalsIgnoreCase(key)) {
        return f.value();
      }
    }
    return null;
  }

  public Optional<String> find(String key) {
    return Optional.ofNullable(get(key));
  }

  /** Every value of {@code key}, in order. */
  public List<String> all(String key) {
    List<String> out = new ArrayList<>();
    for (Field f : fields) {
      if (f.key().equalsIgnoreCase(key)) {
        out.add(f.value());
      }
    }
    return out;
  }

  /** A response to an action: {@code Response: Success | Error | Goodbye | Follows}. */
  public boolean isResponse() {
    return get("Response") != null && get("Event") == null;
  }

  public boolean isEvent() {
    return get("Event") != null;
  }

  /** The event name, or null for a response. */
  public String event() {
    return get("Event");
  }

  public String actionId() {
    return get("ActionID");
  }

  /** The integer value of {@code key}, or {@code fallback} when absent or not a number. */
  public int number(String key, int fallback) {
    String v = get(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
