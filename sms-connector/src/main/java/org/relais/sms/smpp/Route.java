package org.relais.sms.smpp;

import java.util.List;
import org.relais.sms.InvalidSettingException;

/**
 * Where messages to numbers starting with {@code prefix} go: the first group of {@code groups}
 * while one of its binds is up, else the next one (failover). The empty prefix matches every
 * number; the longest matching prefix wins.
 */
public record Route(String prefix, List<String> groups) {

  public Route {
    prefix = prefix == null ? "" : prefix.trim();
    if (!prefix.matches("\\+?[0-9]{0,15}")) {
      throw new InvalidSettingException("prefix", prefix, "digits, optionally after '+', such as +2165");
    }
    if (groups == null || groups.isEmpty() || groups.stream().anyMatch(g -> g == null || g.isBlank())) {
      throw new InvalidSettingException("groups", groups, "a list of bind groups, the first one preferred");
    }
    groups = groups.stream().map(String::trim).toList();
  }

  /** The prefix as digits only, the form numbers are compared in. */
  public String digits() {
    return prefix.startsWith("+") ? prefix.substring(1) : prefix;
  }
}
