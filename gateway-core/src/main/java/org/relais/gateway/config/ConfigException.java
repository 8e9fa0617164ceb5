package org.relais.gateway.config;

import java.util.Locale;
import java.util.Set;

/** A configuration value that cannot work: the key, the value (masked when secret) and what is expected. */
public final class ConfigException extends RuntimeException {

  private static final Set<String> SECRET_WORDS = Set.of("password", "secret", "api_key", "tokens", "token");

  private final String key;

  public ConfigException(String key, Object value, String expected) {
    this(key, key + " = " + shown(key, value) + ": expected " + expected);
  }

  private ConfigException(String key, String detail) {
    super("config: " + detail);
    this.key = key;
  }

  /** A fault that is not about one value, such as an unreadable file or an unknown key. */
  public static ConfigException general(String key, String detail) {
    return new ConfigException(key, detail);
  }

  /** The same fault, saying which environment variable set the value. */
  ConfigException setBy(String variable) {
    return new ConfigException(key, getMessage().substring("config: ".length()) + " (set by " + variable + ")");
  }

  public String key() {
    return key;
  }

  /** True for keys whose values are never printed. */
  public static boolean isSecret(String key) {
    String last = key.substring(key.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    return SECRET_WORDS.contains(last);
  }

  private static String shown(String key, Object value) {
    if (isSecret(key)) {
      return "****";
    }
    String text = String.valueOf(value);
    return value instanceof String ? '"' + text + '"' : text;
  }
}
