package org.relais.gateway.twoway;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.relais.gateway.config.ConfigException;

/**
 * Finds the intent of a citizen's text from its first word, loosely: case, accents, Arabic
 * diacritics, tatweel and alef forms do not matter ("réclamation", "Reclamation" and
 * "RECLAMATION" are one keyword). A keyword may belong to several languages (STOP); it names
 * one intent only.
 */
public final class KeywordRouter {

  /** A recognised text: the intent, the languages its keyword belongs to, and what follows the keyword. */
  public record Routed(Intent intent, List<String> languages, String rest) {}

  private record Entry(Intent intent, List<String> languages) {}

  private final Map<String, Entry> keywords = new HashMap<>();

  /** @param keywords intent → language → words, as in {@code sms.keywords} */
  public KeywordRouter(Map<String, Map<String, List<String>>> keywords) {
    keywords.forEach((intentName, byLanguage) -> {
      Intent intent = Intent.of(intentName);
      byLanguage.forEach((language, words) -> {
        for (String word : words) {
          String key = normalize(word);
          Entry existing = keywords(key);
          if (existing != null && existing.intent() != intent) {
            throw ConfigException.general("sms.keywords", "sms.keywords: '" + word + "' names both "
                + existing.intent().name().toLowerCase(Locale.ROOT) + " and " + intentName);
          }
          List<String> languages = new ArrayList<>(existing == null ? List.of() : existing.languages());
          if (!languages.contains(language)) {
            languages.add(language);
          }
          this.keywords.put(key, new Entry(intent, List.copyOf(languages)));
        }
      });
    });
  }

  private Entry keywords(String key) {
    return keywords.get(key);
  }

  public Optional<Routed> route(String text) {
    String trimmed = text == null ? "" : text.strip();
    if (trimmed.isEmpty()) {
      return Optional.empty();
    }
    Word first = firstWord(trimmed);
    Entry entry = keywords.get(normalize(first.word()));
    if (entry == null) {
      return Optional.empty();
    }
    return Optional.of(new Routed(entry.intent(), entry.languages(), first.rest()));
  }

  /** The first word of a text and what follows it, separators after the word removed. */
  public record Word(String word, String rest) {}

  public static Word firstWord(String text) {
    String trimmed = text.strip();
    int end = 0;
    while (end < trimmed.length() && !isSeparator(trimmed.charAt(end))) {
      end++;
    }
    String rest = trimmed.substring(end).replaceFirst("^[\\s:,.;!\\-\u060C]+", "").strip();
    return new Word(trimmed.substring(0, end), rest);
  }

  private static boolean isSeparator(char c) {
    return Character.isWhitespace(c) || c == ':' || c == ',' || c == '.' || c == ';' || c == '!' || c == '-'
        || c == '\u060C';
  }

  /** Upper case without accents, Arabic diacritics or tatweel, with one form of alef and yeh. */
  public static String normalize(String word) {
    String decomposed = Normalizer.normalize(word.strip(), Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(decomposed.length());
    for (int i = 0; i < decomposed.length(); i++) {
      char c = decomposed.charAt(i);
      if (Character.getType(c) == Character.NON_SPACING_MARK || c == '\u0640') {
        continue;
      }
      out.append(switch (c) {
        case '\u0623', '\u0625', '\u0622', '\u0671' -> '\u0627';
        case '\u0649' -> '\u064A';
        default -> c;
      });
    }
    return Normalizer.normalize(out.toString(), Normalizer.Form.NFC).toUpperCase(Locale.ROOT);
  }

  /** True when the text is written mostly in Arabic script. */
  public static boolean isArabic(String text) {
    long arabic = text.codePoints().filter(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.ARABIC).count();
    long letters = text.codePoints().filter(Character::isLetter).count();
    return letters > 0 && arabic * 2 >= letters;
  }
}
