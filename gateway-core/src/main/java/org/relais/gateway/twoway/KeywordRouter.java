package org.relais.gateway.twoway;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the intent of a citizen's text from its first word, loosely: case, accents, Arabic
 * diacritics, tatweel and alef forms do not matter ("réclamation", "Reclamation" and
 * "RECLAMATION" are one keyword). The keyword's language is the reply's language.
 */
public final class KeywordRouter {

  /** A recognised text: the intent, the language of its keyword and what follows the keyword. */
  public record Routed(String intent, String language, String rest) {}

  private record Entry(String intent, String language) {}

  private final Map<String, Entry> keywords = new HashMap<>();

  /** @param keywords intent → language → words, as in {@code sms.keywords} */
  public KeywordRouter(Map<String, Map<String, List<String>>> keywords) {
    keywords.forEach((intent, byLanguage) -> byLanguage.forEach((language, words) -> {
      for (String word : words) {
        this.keywords.putIfAbsent(normalize(word), new Entry(intent, language));
      }
    }));
  }

  public Optional<Routed> route(String text) {
    String trimmed = text == null ? "" : text.strip();
    if (trimmed.isEmpty()) {
      return Optional.empty();
    }
    int end = 0;
    while (end < trimmed.length() && !isSeparator(trimmed.charAt(end))) {
      end++;
    }
    Entry entry = keywords.get(normalize(trimmed.substring(0, end)));
    if (entry == null) {
      return Optional.empty();
    }
    String rest = trimmed.substring(end).replaceFirst("^[\\s:,.;!\\-]+", "").strip();
    return Optional.of(new Routed(entry.intent(), entry.language(), rest));
  }

  private static boolean isSeparator(char c) {
    return Character.isWhitespace(c) || c == ':' || c == ',' || c == '.' || c == ';' || c == '!' || c == '-'
        || c == '\u060C';
  }

  /** Upper case without accents, Arabic diacritics or tatweel, with one form of alef and yeh. */
  static String normalize(String word) {
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
