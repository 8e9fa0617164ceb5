package org.relais.gateway.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Two-way SMS: the languages replies are written in (the first is the default) and the keywords
 * per intent and language ({@code keywords.complaint.fr: [PLAINTE, RECLAMATION]}).
 */
public record SmsConfig(List<String> languages, Map<String, Map<String, List<String>>> keywords) {

  /** The intents a keyword can name. */
  public static final Set<String> INTENTS = Set.of("complaint");

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
        throw new ConfigException("sms.keywords." + intent.getKey(), intent.getKey(), "one of the intents " + INTENTS);
      }
      for (Map.Entry<String, List<String>> byLanguage : intent.getValue().entrySet()) {
        String key = "sms.keywords." + intent.getKey() + "." + byLanguage.getKey();
        if (!languages.contains(byLanguage.getKey())) {
          throw new ConfigException(key, byLanguage.getKey(), "a language of sms.languages " + languages);
        }
        if (byLanguage.getValue() == null || byLanguage.getValue().stream().anyMatch(w -> w == null || w.isBlank())) {
          throw new ConfigException(key, byLanguage.getValue(), "a list of non-empty words");
        }
      }
    }
    keywords = Map.copyOf(keywords);
  }

  public String defaultLanguage() {
    return languages.getFirst();
  }
}
