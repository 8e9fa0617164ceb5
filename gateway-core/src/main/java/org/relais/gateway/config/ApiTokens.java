package org.relais.gateway.config;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Bearer tokens and their roles, written {@code token:role[+role],token:role}. Tokens are compared
 * in constant time and never printed.
 */
public final class ApiTokens {

  private static final int MIN_TOKEN_LENGTH = 8;
  private final Map<String, Set<Role>> roles;

  private ApiTokens(Map<String, Set<Role>> roles) {
    this.roles = roles;
  }

  /** Parses the setting; {@code key} names it in errors. */
  public static ApiTokens parse(String key, String text) {
    Map<String, Set<Role>> roles = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return new ApiTokens(Map.of());
    }
    int index = 0;
    for (String entry : text.split(",")) {
      index++;
      String e = entry.trim();
      int colon = e.lastIndexOf(':');
      if (colon <= 0 || colon == e.length() - 1) {
        throw new ConfigException(key, "(entry " + index + ")", "token:role[+role] entries separated by commas");
      }
      String token = e.substring(0, colon);
      if (token.length() < MIN_TOKEN_LENGTH) {
        throw new ConfigException(key, "(entry " + index + ")", "tokens of at least " + MIN_TOKEN_LENGTH + " characters");
      }
      EnumSet<Role> set = EnumSet.noneOf(Role.class);
      int entryNumber = index;
      for (String r : e.substring(colon + 1).split("\\+")) {
        set.add(Role.parse(r).orElseThrow(() ->
            new ConfigException(key, "(entry " + entryNumber + " role " + r.trim() + ")", "roles admin, sender, core, alerter or approver")));
      }
      roles.put(token, Set.copyOf(set));
    }
    return new ApiTokens(Map.copyOf(roles));
  }

  /** The roles of a presented token, or empty when it is unknown. */
  public Optional<Set<Role>> rolesOf(String presented) {
    if (presented == null) {
      return Optional.empty();
    }
    byte[] p = presented.getBytes(StandardCharsets.UTF_8);
    Set<Role> found = null;
    for (Map.Entry<String, Set<Role>> e : roles.entrySet()) {
      if (MessageDigest.isEqual(p, e.getKey().getBytes(StandardCharsets.UTF_8))) {
        found = e.getValue();
      }
    }
    return Optional.ofNullable(found);
  }

  public boolean isEmpty() {
    return roles.isEmpty();
  }

  public int size() {
    return roles.size();
  }

  @Override
  public String toString() {
    return "ApiTokens[" + roles.size() + " tokens]";
  }
}
