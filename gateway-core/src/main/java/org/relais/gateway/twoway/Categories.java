package org.relais.gateway.twoway;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.relais.gateway.config.CaseCategory;

/**
 * The categories of cases as SMS sees them: a category word right after the complaint keyword
 * ("PLAINTE EAU ..."), or else the one category the text's words name ("PLAINTE fuite rue X" is
 * water); several categories, or none, and the citizen is asked with numbered choices.
 */
public final class Categories {

  private final List<CaseCategory> categories;
  private final Map<String, String> byWord = new HashMap<>();

  public Categories(List<CaseCategory> categories) {
    this.categories = List.copyOf(categories);
    for (CaseCategory c : categories) {
      c.words().values().forEach(words -> words.forEach(w -> byWord.putIfAbsent(KeywordRouter.normalize(w), c.code())));
    }
  }

  public boolean isEmpty() {
    return categories.isEmpty();
  }

  /** The category a text names: its first word's, else the only one its words name; empty when none or several. */
  public Optional<String> match(String text) {
    KeywordRouter.Word first = KeywordRouter.firstWord(text);
    String explicit = byWord.get(KeywordRouter.normalize(first.word()));
    if (explicit != null) {
      return Optional.of(explicit);
    }
    java.util.Set<String> named = new java.util.LinkedHashSet<>();
    for (String word : text.split("[\\s\\p{Punct}\u060C\u061F]+")) {
      String code = word.isBlank() ? null : byWord.get(KeywordRouter.normalize(word));
      if (code != null) {
        named.add(code);
      }
    }
    return named.size() == 1 ? Optional.of(named.iterator().next()) : Optional.empty();
  }

  /** "1 eau, 2 électricité, 3 gaz" in {@code language}. */
  public String choices(String language, String fallbackLanguage) {
    return IntStream.range(0, categories.size())
        .mapToObj(i -> (i + 1) + " " + categories.get(i).names().getOrDefault(language,
            categories.get(i).names().get(fallbackLanguage)))
        .collect(Collectors.joining(", "));
  }

  /** The category of an answer to the choices: "1".."9", empty for "0" (other). */
  public Optional<Optional<String>> answer(String text) {
    String t = text == null ? "" : text.strip();
    if (!t.matches("[0-9]")) {
      return Optional.empty();
    }
    int n = t.charAt(0) - '0';
    if (n == 0) {
      return Optional.of(Optional.empty());
    }
    return n <= categories.size() ? Optional.of(Optional.of(categories.get(n - 1).code())) : Optional.empty();
  }
}
