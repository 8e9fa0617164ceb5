package org.relais.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies {@code RELAIS_<SECTION>_<KEY>} environment variables to the configuration tree. The
 * names come from the configuration records themselves, so every key has one: nesting is joined
 * with '_', list items carry their index ({@code RELAIS_SMPP_BINDS_1_HOST}) and the first SMSC bind
 * also answers to the short form of DESIGN.md ({@code RELAIS_SMPP_HOST}).
 */
final class EnvOverrides {

  /** Variables the launcher reads; not configuration keys. */
  static final Set<String> LAUNCHER = Set.of("RELAIS_JAVA", "RELAIS_JAVA_OPTS", "RELAIS_HOME", "RELAIS_JVM_DIRS",
      "RELAIS_NO_BUILD", "RELAIS_LOG_LEVEL");

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * One overridable key: its path segments ({@code "#"} marks a list index), whether it is a list
   * of words, the pattern variable names match, and the name as documented ({@code <N>} for an index).
   */
  private record Key(List<String> segments, boolean list, Pattern envName, String documented) {}

  private final List<Key> keys = new ArrayList<>();

  EnvOverrides(Class<?> root) {
    collect(root, new ArrayList<>());
    // DESIGN.md's short names for the first bind: RELAIS_SMPP_HOST = smpp.binds[0].host.
    for (Key key : List.copyOf(keys)) {
      if (key.segments.size() == 4 && key.segments.get(0).equals("smpp") && key.segments.get(1).equals("binds")) {
        List<String> alias = List.of("smpp", "binds", "0", key.segments.get(3));
        String name = "RELAIS_SMPP_" + key.segments.get(3).toUpperCase(Locale.ROOT);
        keys.add(new Key(alias, key.list, Pattern.compile(Pattern.quote(name)), name));
      }
    }
  }

  /** Every variable name, with {@code <N>} for a list index; for documentation checks. */
  List<String> variableNames() {
    return keys.stream().map(Key::documented).toList();
  }

  /** What was applied: variable name by configuration key, and the variables that match no key. */
  record Applied(Map<String, String> sources, List<String> unknown) {}

  Applied apply(ObjectNode tree, Map<String, String> env) {
    Map<String, String> sources = new LinkedHashMap<>();
    List<String> unknown = new ArrayList<>();
    env.keySet().stream().sorted().forEach(name -> {
      if (!name.startsWith("RELAIS_") || LAUNCHER.contains(name)) {
        return;
      }
      for (Key key : keys) {
        Matcher m = key.envName.matcher(name);
        if (m.matches()) {
          List<String> path = new ArrayList<>(key.segments);
          for (int i = 0, g = 1; i < path.size(); i++) {
            if (path.get(i).equals("#")) {
              path.set(i, m.group(g++));
            }
          }
          set(tree, path, env.get(name), key.list);
          sources.put(display(path), name);
          return;
        }
      }
      unknown.add(name);
    });
    return new Applied(sources, unknown);
  }

  /** {@code smpp.binds[0].host} for the segments smpp, binds, 0, host. */
  static String display(List<String> path) {
    StringBuilder s = new StringBuilder();
    for (String segment : path) {
      if (segment.chars().allMatch(Character::isDigit)) {
        s.append('[').append(segment).append(']');
      } else {
        s.append(s.isEmpty() ? "" : ".").append(segment);
      }
    }
    return s.toString();
  }

  private void collect(Class<?> type, List<String> prefix) {
    for (RecordComponent component : type.getRecordComponents()) {
      List<String> path = new ArrayList<>(prefix);
      path.add(snake(component.getName()));
      Class<?> raw = component.getType();
      Type generic = component.getGenericType();
      if (raw.isRecord()) {
        collect(raw, path);
      } else if (List.class.isAssignableFrom(raw) && generic instanceof ParameterizedType p
          && p.getActualTypeArguments()[0] instanceof Class<?> item) {
        if (item.isRecord()) {
          path.add("#");
          collect(item, path);
        } else {
          keys.add(key(path, true));
        }
      } else if (!Map.class.isAssignableFrom(raw) && !raw.equals(java.nio.file.Path.class)) {
        keys.add(key(path, false));
      }
    }
  }

  private static Key key(List<String> path, boolean list) {
    StringBuilder regex = new StringBuilder("RELAIS");
    StringBuilder documented = new StringBuilder("RELAIS");
    for (String segment : path) {
      regex.append('_').append(segment.equals("#") ? "(\\d{1,2})" : Pattern.quote(segment.toUpperCase(Locale.ROOT)));
      documented.append('_').append(segment.equals("#") ? "<N>" : segment.toUpperCase(Locale.ROOT));
    }
    return new Key(List.copyOf(path), list, Pattern.compile(regex.toString()), documented.toString());
  }

  private static void set(ObjectNode tree, List<String> path, String value, boolean list) {
    JsonNode node = tree;
    for (int i = 0; i < path.size() - 1; i++) {
      String segment = path.get(i);
      boolean nextIsIndex = path.get(i + 1).chars().allMatch(Character::isDigit);
      node = child(node, segment, nextIsIndex);
    }
    String last = path.getLast();
    JsonNode leaf = list ? words(value) : NODES.textNode(value);
    ((ObjectNode) node).set(last, leaf);
  }

  private static JsonNode child(JsonNode parent, String segment, boolean arrayChild) {
    if (parent instanceof ArrayNode array) {
      int index = Integer.parseInt(segment);
      while (array.size() <= index) {
        array.addObject();
      }
      return array.get(index);
    }
    ObjectNode object = (ObjectNode) parent;
    JsonNode existing = object.get(segment);
    if (existing == null || existing.isNull() || existing.isArray() != arrayChild) {
      existing = arrayChild ? object.putArray(segment) : object.putObject(segment);
    }
    return existing;
  }

  private static ArrayNode words(String value) {
    ArrayNode array = NODES.arrayNode();
    for (String word : value.split(",")) {
      if (!word.isBlank()) {
        array.add(word.trim());
      }
    }
    return array;
  }

  static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }
}
