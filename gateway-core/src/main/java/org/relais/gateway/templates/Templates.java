package org.relais.gateway.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.relais.gateway.config.ConfigException;

/**
 * Message texts per key and language. A text is a string with {@code {name}} placeholders, or a
 * map of plural categories ({@code one}, {@code two}, {@code few}, {@code many}, {@code other})
 * chosen by the placeholder {@code n}. Every key must exist in every language Relais writes in.
 */
public final class Templates {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Map<String, Map<String, JsonNode>> texts;

  private Templates(Map<String, Map<String, JsonNode>> texts) {
    this.texts = texts;
  }

  /** Reads a templates file and checks every key has a text in every one of {@code languages}. */
  public static Templates load(Path file, List<String> languages) {
    JsonNode root;
    try (InputStream in = Files.newInputStream(file)) {
      root = YAML.readTree(in);
    } catch (IOException e) {
      throw ConfigException.general("templates", "cannot read " + file + ": " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw ConfigException.general("templates", file + ": expected a map of template keys");
    }
    Map<String, Map<String, JsonNode>> texts = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      Map<String, JsonNode> byLanguage = new HashMap<>();
      entry.getValue().fields().forEachRemaining(e -> byLanguage.put(e.getKey(), e.getValue()));
      for (String language : languages) {
        JsonNode text = byLanguage.get(language);
        if (text == null || !(text.isTextual() || text.isObject() && text.has("other"))) {
          throw ConfigException.general("templates", file.getFileName() + ": template '" + entry.getKey()
              + "' has no text in language '" + language + "'");
        }
      }
      texts.put(entry.getKey(), Map.copyOf(byLanguage));
    }
    return new Templates(Map.copyOf(texts));
  }

  public boolean has(String key) {
    return texts.containsKey(key);
  }

  /** Renders {@code key} in {@code language} (falling back to {@code fallbackLanguage}) with the values given. */
  public String render(String key, String language, String fallbackLanguage, Map<String, ?> values) {
    Map<String, JsonNode> byLanguage = texts.get(key);
    if (byLanguage == null) {
      throw new IllegalArgumentException("no template '" + key + "'");
    }
    JsonNode text = byLanguage.getOrDefault(language, byLanguage.get(fallbackLanguage));
    String lang = byLanguage.containsKey(language) ? language : fallbackLanguage;
    String pattern;
    if (text.isObject()) {
      long n = values.get("n") instanceof Number num ? num.longValue() : 0;
      JsonNode form = text.get(Plurals.category(lang, n));
      pattern = (form != null ? form : text.get("other")).asText();
    } else {
      pattern = text.asText();
    }
    Matcher m = PLACEHOLDER.matcher(pattern);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Object value = values.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : String.valueOf(value)));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** A delay in words: whole days when it is a day or more, else hours ("3 jours", "48 hours", "3 أيام"). */
  public String delay(Duration delay, String language, String fallbackLanguage) {
    long hours = Math.max(1, (delay.toMinutes() + 59) / 60);
    if (hours >= 24 && hours % 24 == 0 || hours > 72) {
      long days = (hours + 23) / 24;
      return render("delay_days", language, fallbackLanguage, Map.of("n", days));
    }
    return render("delay_hours", language, fallbackLanguage, Map.of("n", hours));
  }
}
