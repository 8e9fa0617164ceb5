package org.relais.ivr.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Prompt texts and sounds per language, read from {@code prompts/<language>.yaml}. An entry is
 * either a text ({@code welcome: "Bienvenue"}, sound {@code <prefix>/<language>/<key>}) or a map
 * with {@code text} and {@code sound}, or with {@code text} and {@code tts: true} for a text spoken
 * by text-to-speech instead of a recorded sound.
 */
public final class PromptCatalog {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> ENTRY_FIELDS = Set.of("text", "sound", "tts");

  private final Map<String, Map<String, Prompt>> byLanguage;

  private PromptCatalog(Map<String, Map<String, Prompt>> byLanguage) {
    this.byLanguage = byLanguage;
  }

  /** Reads every {@code *.yaml} in {@code dir}; the file name is the language. */
  public static PromptCatalog load(Path dir, String soundPrefix) {
    Map<String, Map<String, Prompt>> all = new HashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
        String language = file.getFileName().toString().replace(".yaml", "").toLowerCase(Locale.ROOT);
        String name = file.getFileName().toString();
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
          root = YAML.readTree(in);
        } catch (IOException e) {
          throw new FlowException(name, null, "not readable YAML: " + firstLine(e.getMessage()));
        }
        all.put(language, read(name, language, root, soundPrefix));
      }
    } catch (IOException e) {
      throw new FlowException(dir.toString(), null, "cannot read prompts: " + e.getMessage());
    }
    return new PromptCatalog(Map.copyOf(all));
  }

  /** A catalogue built in code, for tests. */
  public static PromptCatalog of(Map<String, Map<String, Prompt>> byLanguage) {
    return new PromptCatalog(Map.copyOf(byLanguage));
  }

  private static Map<String, Prompt> read(String file, String language, JsonNode root, String prefix) {
    if (root == null || !root.isObject()) {
      throw new FlowException(file, null, "expected a map of prompt keys");
    }
    Map<String, Prompt> prompts = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      String defaultSound = prefix + "/" + language + "/" + e.getKey();
      if (v.isTextual()) {
        prompts.put(e.getKey(), new Prompt(e.getKey(), language, defaultSound, v.asText()));
      } else if (v.isObject() && v.hasNonNull("text") && v.get("text").isTextual() && onlyKnownFields(v)
          && (!v.has("tts") || v.get("tts").isBoolean()) && (!v.has("sound") || v.get("sound").isTextual())) {
        prompts.put(e.getKey(), new Prompt(e.getKey(), language,
            v.hasNonNull("sound") ? v.get("sound").asText() : defaultSound, v.get("text").asText(),
            v.path("tts").asBoolean(false)));
      } else {
        throw new FlowException(file, null, "prompt '" + e.getKey() + "': expected a text or {text, sound} or {text, tts: true}");
      }
    }
    return Map.copyOf(prompts);
  }

  private static boolean onlyKnownFields(JsonNode entry) {
    for (Iterator<String> names = entry.fieldNames(); names.hasNext(); ) {
      if (!ENTRY_FIELDS.contains(names.next())) {
        return false;
      }
    }
    return true;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }

  public Optional<Prompt> find(String key, String language) {
    return Optional.ofNullable(byLanguage.getOrDefault(language, Map.of()).get(key));
  }

  /** The prompt, or a text naming the missing key (flows are validated, so this is for safety only). */
  public Prompt resolve(String key, String language) {
    return find(key, language).orElseGet(() -> new Prompt(key, language, key, "[" + key + "]"));
  }

  /** The prompt streamed as {@code sound}, in any language. */
  public Optional<Prompt> findBySound(String sound) {
    return byLanguage.values().stream().flatMap(m -> m.values().stream())
        .filter(p -> p.sound().equals(sound)).findFirst();
  }

  /** True when some prompt is spoken by text-to-speech. */
  public boolean hasTts() {
    return byLanguage.values().stream().flatMap(m -> m.values().stream()).anyMatch(Prompt::tts);
  }

  public Set<String> languages() {
    return byLanguage.keySet();
  }
}
