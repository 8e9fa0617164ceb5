package org.relais.gateway.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Two-way SMS: the languages replies are written in (the first is the default), the keywords per
 * intent and language ({@code keywords.complaint.fr: [PLAINTE, RECLAMATION]}), what a text with no
 * keyword becomes, the alert zones a citizen may subscribe to, and how long Relais waits for the
 * answer to a question it asked by SMS (the category of a complaint).
 */
public record SmsConfig(
    List<String> languages, Map<String, Map<String, List<String>>> keywords, String unknownText, List<String> zones,
    Duration conversationTimeout) {

  /** The intents a keyword can name. */
  public static final Set<String> INTENTS = Set.of("complaint", "status", "subscribe", "stop", "start", "help");

  public SmsConfig {
    languages = languages == null || languages.isEmpty() ? List.of("fr", "ar", "en") : List.copyOf(languages);
    for (String language : languages) {
      if (!language.matches("[a-z]{2,3}")) {
        throw new ConfigException("sms.languages", language, "ISO 639 language codes such as fr, ar, en");
      }
    }
    keywords = keywords == null ? Map.of() : new LinkedHashMap<>(keywords);
    for (Map.Entry<String, Map<String, List<String>>> intent : keywords.entrySet()) {
      if (!INTENTS.contains(intent.getKey())) {
        throw new ConfigException("sms.keywords." + intent.getKey(), intent.getKey(),
            "one of the intents " + INTENTS.stream().sorted().toList());
      }
      checkWords("sms.keywords." + intent.getKey(), intent.getValue(), languages);
    }
    keywords = Map.copyOf(keywords);
    unknownText = Settings.oneOf("sms.unknown_text", unknownText, "help", List.of("help", "complaint"));
    zones = zones == null ? List.of() : zones.stream().map(z -> z.trim().toLowerCase(Locale.ROOT)).toList();
    for (String zone : zones) {
      if (!zone.matches("[\\p{L}0-9_-]{1,40}")) {
        throw new ConfigException("sms.zones", zone, "zone names of letters, digits, - or _");
      }
    }
    conversationTimeout = Settings.between("sms.conversation_timeout", conversationTimeout, Duration.ofMinutes(10),
        Duration.ofSeconds(1), Duration.ofDays(1));
  }

  /** Checks a map of language → words: known languages, no blank word. */
  static void checkWords(String key, Map<String, List<String>> byLanguage, List<String> languages) {
    for (Map.Entry<String, List<String>> entry : byLanguage.entrySet()) {
      String at = key + "." + entry.getKey();
      if (!languages.contains(entry.getKey())) {
        throw new ConfigException(at, entry.getKey(), "a language of sms.languages " + languages);
      }
      if (entry.getValue() == null || entry.getValue().stream().anyMatch(w -> w == null || w.isBlank())) {
        throw new ConfigException(at, entry.getValue(), "a list of non-empty words");
      }
    }
  }

  public String defaultLanguage() {
    return languages.getFirst();
  }
}
