package org.relais.gateway.telephony.agi;

import java.util.Map;

/**
 * The {@code agi_*} block Asterisk sends when it connects, keys without the {@code agi_} prefix;
 * only the keys Relais uses are kept (script, caller id, uniqueid and the script's arguments), any
 * other reads as empty.
 */
public record AgiEnvironment(Map<String, String> values) {

  public AgiEnvironment {
    values = Map.copyOf(values);
  }

  public String get(String key) {
    return values.getOrDefault(key, "");
  }

  /**
   * The flow asked for: {@code agi_network_script} ({@code hotline} for {@code agi://host/hotline}),
   * without any query string or leading slash.
   */
  public String script() {
    String s = get("network_script");
    int q = s.indexOf('?');
    if (q >= 0) {
      s = s.substring(0, q);
    }
    while (s.startsWith("/")) {
      s = s.substring(1);
    }
    return s;
  }

  /** The caller's number, empty when withheld or unknown. */
  public String callerId() {
    String id = get("callerid").trim();
    return id.isEmpty() || id.equalsIgnoreCase("unknown") || id.equalsIgnoreCase("anonymous") ? "" : id;
  }

  public String uniqueId() {
    return get("uniqueid");
  }
}
