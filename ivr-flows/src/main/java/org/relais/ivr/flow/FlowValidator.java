package org.relais.ivr.flow;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks a flow passes before it runs: every target exists, every node can be reached, every
 * prompt exists in every declared language, every loop waits for the caller, and each node's own
 * settings make sense (see {@link NodeChecks}).
 */
final class FlowValidator {

  private final String file;
  private final Flow flow;
  private final PromptCatalog prompts;
  private final NodeChecks checks;

  FlowValidator(String file, Flow flow, PromptCatalog prompts, Set<String> hoursServices) {
    this.file = file;
    this.flow = flow;
    this.prompts = prompts;
    this.checks = new NodeChecks(file, flow, hoursServices);
  }

  void validate() {
    if (!flow.nodes().containsKey(flow.start())) {
      throw new FlowException(file, null, "start: unknown node '" + flow.start() + "'");
    }
    flow.nodes().forEach(this::checkNode);
    checkReachable();
    checkLoopsWait();
  }

  private void checkNode(String id, Node node) {
    for (String target : node.targets()) {
      if (target == null) {
        throw new FlowException(file, id, "a target is missing (" + NodeShapes.missingTarget(node) + ")");
      }
      if (!flow.nodes().containsKey(target)) {
        throw new FlowException(file, id, "unknown target '" + target + "'");
      }
    }
    for (String key : node.promptKeys()) {
      if (key == null || key.isBlank()) {
        throw new FlowException(file, id, "a prompt key is missing");
      }
      for (String language : flow.languages()) {
        if (prompts.find(key, language).isEmpty()) {
          throw new FlowException(file, id, "prompt '" + key + "' is missing in language '" + language + "'");
        }
      }
    }
    checks.check(id, node);
  }

  private void checkReachable() {
    Set<String> seen = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(flow.start()));
    while (!todo.isEmpty()) {
      String id = todo.pop();
      if (seen.add(id)) {
        todo.addAll(flow.node(id).targets());
      }
    }
    for (String id : flow.nodes().keySet()) {
      if (!seen.contains(id)) {
        throw new FlowException(file, id, "unreachable from start '" + flow.start() + "'");
      }
    }
  }

  /** A cycle made only of nodes that never wait for the caller would spin forever. */
  private void checkLoopsWait() {
    Map<String, Integer> colour = new HashMap<>();
    for (String id : flow.nodes().keySet()) {
      if (!flow.node(id).waitsForInput()) {
        List<String> path = new ArrayList<>();
        String loop = findLoop(id, colour, path);
        if (loop != null) {
          throw new FlowException(file, loop, "loop " + String.join(" → ", path)
              + " never waits for the caller (add a menu or input node)");
        }
      }
    }
  }

  private String findLoop(String id, Map<String, Integer> colour, List<String> path) {
    Integer c = colour.get(id);
    if (c != null && c == 2) {
      return null;
    }
    path.add(id);
    if (c != null && c == 1) {
      return id;
    }
    colour.put(id, 1);
    for (String target : flow.node(id).targets()) {
      if (!flow.node(target).waitsForInput()) {
        String loop = findLoop(target, colour, path);
        if (loop != null) {
          return loop;
        }
      }
    }
    colour.put(id, 2);
    path.removeLast();
    return null;
  }

  /** The names of the {@code ${variables}} a text uses. */
  static List<String> variablesIn(String text) {
    List<String> names = new ArrayList<>();
    if (text != null) {
      Matcher m = Pattern.compile("\\$\\{([^}]*)}").matcher(text);
      while (m.find()) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  /** Durations bounded for a setting; the message names it. */
  static void between(String file, String id, String name, Duration d, Duration min, Duration max) {
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw new FlowException(file, id, name + " " + Durations.format(d) + ": expected " + Durations.format(min)
          + " to " + Durations.format(max));
    }
  }
}
