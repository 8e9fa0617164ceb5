package org.relais.gateway.config;

import java.time.Duration;
import java.util.List;

/** Defaults and range checks shared by the configuration records; each failure names its key. */
final class Settings {

  private Settings() {}

  static String text(String value, String fallback) {
    return value == null ? fallback : value.trim();
  }

  static int range(String key, Integer value, int fallback, int min, int max) {
    int v = value == null ? fallback : value;
    if (v < min || v > max) {
      throw new ConfigException(key, v, "an integer from " + min + " to " + max);
    }
    return v;
  }

  static Duration between(String key, Duration value, Duration fallback, Duration min, Duration max) {
    Duration d = value == null ? fallback : value;
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw new ConfigException(key, org.relais.ivr.flow.Durations.format(d),
          "a duration from " + org.relais.ivr.flow.Durations.format(min) + " to "
              + org.relais.ivr.flow.Durations.format(max));
    }
    return d;
  }

  static String oneOf(String key, String value, String fallback, List<String> allowed) {
    String v = value == null ? fallback : value.trim().toLowerCase(java.util.Locale.ROOT);
    if (!allowed.contains(v)) {
      throw new ConfigException(key, v, "one of " + String.join(", ", allowed));
    }
    return v;
  }

  static String host(String key, String value, String fallback) {
    String v = text(value, fallback);
    if (v.isEmpty() || !v.matches("[A-Za-z0-9.:\\-\\[\\]]+")) {
      throw new ConfigException(key, v, "a host name or IP address such as 127.0.0.1");
    }
    return v;
  }
}
