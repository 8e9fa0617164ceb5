package org.relais.gateway.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.relais.gateway.config.ConfigException;

/**
 * The kinds of notification sent in numbers ({@code bill}, {@code payment_reminder},
 * {@code consumption_alert}): each declares its category (which quiet hours hold it), the
 * variables it takes, and a text in every language. Checked when read, so that a fault stops the
 * start naming the file and the key, never a blank in an SMS: a text that uses a variable its kind
 * does not declare, a missing language, an unknown category.
 */
public final class NotificationTemplates {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");
  private static final Set<String> KEYS = Set.of("category", "variables", "text");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Map<String, Kind> kinds;

  private NotificationTemplates(Map<String, Kind> kinds) {
    this.kinds = kinds;
  }

  /**
   * One kind of notification: its category, the variables its texts use (in their order of first
   * use, which is also the order a missing one is reported in) and a compiled text per language.
   */
  public record Kind(String name, String category, Set<String> variables, Map<String, Text> texts) {

    /** The text in {@code language}, else in {@code fallback}. */
    public Text text(String language, String fallback) {
      Text text = texts.get(language);
      return text != null ? text : texts.get(fallback);
    }

    public boolean hasLanguage(String language) {
      return texts.containsKey(language);
    }
  }

  /** A text cut into literal pieces and variable names, so that rendering a million is cheap. */
  public record Text(List<String> pieces, List<String> names) {

    /** The text with each variable's value; a variable without value is an IllegalArgumentException. */
    public String render(Function<String, String> values) {
      StringBuilder out = new StringBuilder(64);
      for (int i = 0; i < names.size(); i++) {
        out.append(pieces.get(i));
        String value = values.apply(names.get(i));
        if (value == null) {
          throw new IllegalArgumentException("no value for " + names.get(i));
        }
        out.append(value);
      }
      return out.append(pieces.get(names.size())).toString();
    }
  }

  /** Reads and checks {@code file}: every kind in every one of {@code languages}, in one of {@code categories}. */
  public static NotificationTemplates load(Path file, List<String> languages, Collection<String> categories) {
    String name = String.valueOf(file.getFileName());
    JsonNode root;
    try (InputStream in = Files.newInputStream(file)) {
      root = YAML.readTree(in);
    } catch (IOException e) {
      throw ConfigException.general("notifications.templates", "cannot read " + file + ": " + firstLine(e.getMessage()));
    }
    if (root == null || !root.isObject()) {
      throw ConfigException.general("notifications.templates", name + ": expected a map of notification kinds");
    }
    Map<String, Kind> kinds = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      kinds.put(entry.getKey(), kind(name, entry.getKey(), entry.getValue(), languages, categories));
    }
    return new NotificationTemplates(Map.copyOf(kinds));
  }

  private static Kind kind(String file, String key, JsonNode node, List<String> languages,
      Collection<String> categories) {
    if (!NAME.matcher(key).matches()) {
      throw fault(file, key, "is not a kind name (lower case letters, digits, _)");
    }
    if (node == null || !node.isObject()) {
      throw fault(file, key, "expected a map with category, variables and text");
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      if (!KEYS.contains(field)) {
        throw fault(file, key + "." + field, "is not a key of a notification kind; expected one of " + KEYS);
      }
    }
    JsonNode category = node.get("category");
    if (category == null || !category.isTextual() || !categories.contains(category.asText())) {
      throw fault(file, key + ".category", "expected one of the categories of notifications.quiet_hours "
          + categories.stream().sorted().toList() + ", not " + category);
    }
    Set<String> declared = new LinkedHashSet<>();
    JsonNode variables = node.get("variables");
    if (variables == null || !variables.isArray()) {
      throw fault(file, key + ".variables", "expected the list of variables the texts use");
    }
    for (JsonNode v : variables) {
      if (!v.isTextual() || !NAME.matcher(v.asText()).matches()) {
        throw fault(file, key + ".variables", v + " is not a variable name (lower case letters, digits, _)");
      }
      declared.add(v.asText());
    }
    JsonNode texts = node.get("text");
    if (texts == null || !texts.isObject()) {
      throw fault(file, key + ".text", "expected a text per language");
    }
    Map<String, Text> byLanguage = new LinkedHashMap<>();
    Set<String> used = new LinkedHashSet<>();
    for (String language : languages) {
      JsonNode text = texts.get(language);
      if (text == null || !text.isTextual() || text.asText().isBlank()) {
        throw fault(file, key + ".text." + language, "missing: every kind needs a text in each of " + languages);
      }
      Text compiled = compile(file, key + ".text." + language, text.asText(), declared);
      used.addAll(compiled.names());
      byLanguage.put(language, compiled);
    }
    for (Iterator<String> names = texts.fieldNames(); names.hasNext(); ) {
      String language = names.next();
      if (!byLanguage.containsKey(language)) {
        byLanguage.put(language, compile(file, key + ".text." + language, texts.get(language).asText(), declared));
      }
    }
    return new Kind(key, category.asText(), Collections.unmodifiableSet(used), Map.copyOf(byLanguage));
  }

  private static Text compile(String file, String key, String text, Set<String> declared) {
    List<String> pieces = new ArrayList<>();
    List<String> names = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(text);
    int at = 0;
    while (m.find()) {
      String variable = m.group(1);
      if (!declared.contains(variable)) {
        throw fault(file, key, "uses {" + variable + "}, which is not among the kind's variables " + declared);
      }
      pieces.add(text.substring(at, m.start()));
      names.add(variable);
      at = m.end();
    }
    String rest = text.substring(at);
    if (rest.indexOf('{') >= 0 || rest.indexOf('}') >= 0) {
      throw fault(file, key, "has an unbalanced { or }");
    }
    pieces.add(rest);
    return new Text(List.copyOf(pieces), List.copyOf(names));
  }

  private static ConfigException fault(String file, String key, String detail) {
    return ConfigException.general("notifications.templates", file + ": " + key + " " + detail);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  public Optional<Kind> kind(String name) {
    return Optional.ofNullable(kinds.get(name));
  }

  public Set<String> names() {
    return kinds.keySet();
  }
}
