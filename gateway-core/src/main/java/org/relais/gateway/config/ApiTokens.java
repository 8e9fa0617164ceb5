package org.relais.gateway.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Bearer tokens and their roles, written {@code token:role[+role],token:role}. Only the SHA-256 of
 * each token is kept; a presented token is hashed and compared with every known hash in constant
 * time (same length, no early exit), so neither its content nor its length shows in the time taken.
 * Tokens are never printed.
 */
public final class ApiTokens {

  /** A known token as the API sees it: a label for logs and rate limits ({@code token#2}) and its roles. */
  public record Caller(String label, Set<Role> roles) {}

  private record Known(byte[] hash, Caller caller) {}

  private static final int MIN_TOKEN_LENGTH = 8;
  private final List<Known> known;

  private ApiTokens(List<Known> known) {
    this.known = known;
  }

  /** Parses the setting; {@code key} names it in errors. */
  public static ApiTokens parse(String key, String text) {
    List<Known> known = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return new ApiTokens(List.of());
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
      byte[] hash = sha256(token);
      if (known.stream().anyMatch(k -> MessageDigest.isEqual(k.hash, hash))) {
        throw new ConfigException(key, "(entry " + index + ")", "each token once");
      }
      known.add(new Known(hash, new Caller("token#" + index, Set.copyOf(set))));
    }
    return new ApiTokens(List.copyOf(known));
  }

  /** The caller a presented token stands for, or empty when it is unknown. */
  public Optional<Caller> find(String presented) {
    if (presented == null) {
      return Optional.empty();
    }
    byte[] p = sha256(presented);
    Caller found = null;
    for (Known k : known) {
      if (MessageDigest.isEqual(p, k.hash)) {
        found = k.caller;
      }
    }
    return Optional.ofNullable(found);
  }

  /** The roles of a presented token, or empty when it is unknown. */
  public Optional<Set<Role>> rolesOf(String presented) {
    return find(presented).map(Caller::roles);
  }

  public boolean isEmpty() {
    return known.isEmpty();
  }

  public int size() {
    return known.size();
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return "ApiTokens[" + known.size() + " tokens]";
  }
}
