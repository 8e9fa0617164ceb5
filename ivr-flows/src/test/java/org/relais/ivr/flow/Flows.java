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

  /** A catalogue with the same keys in each language, texts "key (language)". */
  public static PromptCatalog prompts(String... keys) {
    Map<String, Map<String, Prompt>> all = new HashMap<>();
    for (String language : new String[] {"fr", "ar", "en"}) {
      Map<String, Prompt> m = new HashMap<>();
      for (String key : keys) {
        m.put(key, new Prompt(key, language, "relais/" + language + "/" + key, key + " (" + language + ")"));
      }
      all.put(language, m);
    }
    return PromptCatalog.of(all);
  }

  public static Flow parse(PromptCatalog prompts, String yaml) {
    try {
      JsonNode tree = YAML.readTree(yaml);
      return new FlowLoader(prompts).parse("test.yaml", tree);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
