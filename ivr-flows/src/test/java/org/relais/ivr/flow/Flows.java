package org.relais.ivr.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.HashMap;
import java.util.Map;

/** Builds flows and prompt catalogues from YAML text, for tests. */
public final class Flows {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Flows() {}

  /** A catalogue with the same keys in each language (and digit-0 to digit-9), texts "key (language)". */
  public static PromptCatalog prompts(String... keys) {
    Map<String, Map<String, Prompt>> all = new HashMap<>();
    java.util.List<String> withDigits = new java.util.ArrayList<>(java.util.List.of(keys));
    for (char d = '0'; d <= '9'; d++) {
      withDigits.add(Prompt.digitKey(d));
    }
    for (String language : new String[] {"fr", "ar", "en"}) {
      Map<String, Prompt> m = new HashMap<>();
      for (String key : withDigits) {
        m.put(key, new Prompt(key, language, "relais/" + language + "/" + key, key + " (" + language + ")"));
      }
      all.put(language, m);
    }
    return PromptCatalog.of(all);
  }

  public static Flow parse(PromptCatalog prompts, String yaml) {
    return parse(prompts, java.util.Set.of("hotline"), yaml);
  }

  /** Parses with opening hours known for {@code services}. */
  public static Flow parse(PromptCatalog prompts, java.util.Set<String> services, String yaml) {
    try {
      JsonNode tree = YAML.readTree(yaml);
      return new FlowLoader(prompts, services).parse("test.yaml", tree);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
