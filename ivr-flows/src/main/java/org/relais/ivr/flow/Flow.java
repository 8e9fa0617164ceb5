package org.relais.ivr.flow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated flow: its name (the file name), its languages (the first is the default), its start
 * node and its nodes in file order.
 */
public record Flow(String name, List<String> languages, String start, Map<String, Node> nodes) {

  public Flow {
    languages = List.copyOf(languages);
    nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
  }

  public Node node(String id) {
    Node node = nodes.get(id);
    if (node == null) {
      throw new IllegalArgumentException("flow " + name + " has no node " + id);
    }
    return node;
  }

  public String defaultLanguage() {
    return languages.getFirst();
  }
}
