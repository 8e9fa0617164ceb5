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

/**
 * The checks a flow passes before it runs: every target exists, every node can be reached, every
 * prompt exists in every declared language, every loop waits for the caller, and each node's own
 * settings make sense.
 */
final class FlowValidator {

  private static final String DTMF = "0123456789*#";

  private final String file;
  private final Flow flow;
  private final PromptCatalog prompts;

  FlowValidator(String file, Flow flow, PromptCatalog prompts) {
    this.file = file;
    this.flow = flow;
    this.prompts = prompts;
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
        throw new FlowException(file, id, "a target is missing (" + missingTarget(node) + ")");
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
    switch (node) {
      case Node.Play play -> {
        if (play.prompts().isEmpty()) {
          throw new FlowException(file, id, "prompts: at least one prompt to play");
        }
      }
      case Node.Menu menu -> {
        checkKeys(id, menu.options().keySet());
        checkTurns(id, menu.timeout(), menu.retries());
      }
      case Node.Language language -> {
        checkKeys(id, language.options().keySet());
        checkTurns(id, language.timeout(), language.retries());
        for (String code : language.options().values()) {
          if (!flow.languages().contains(code)) {
            throw new FlowException(file, id, "language '" + code + "' is not among the flow's languages " + flow.languages());
          }
        }
      }
      case Node.Route route -> {
        if ((route.queue() == null) == (route.extension() == null)) {
          throw new FlowException(file, id, "give either queue or extension");
        }
        if (route.extension() != null && !route.extension().matches("[\\w-]+,[\\w*#+-]+")) {
          throw new FlowException(file, id, "extension '" + route.extension() + "': expected context,exten");
        }
        if (route.queue() != null && !route.queue().matches("[\\w-]+")) {
          throw new FlowException(file, id, "queue '" + route.queue() + "': expected letters, digits, - or _");
        }
      }
      case Node.Hangup hangup -> {
        // nothing more to check
      }
    }
  }

  private static String missingTarget(Node node) {
    return switch (node) {
      case Node.Menu m -> "fallback";
      default -> "next";
    };
  }

  private void checkKeys(String id, Set<String> keys) {
    if (keys.isEmpty()) {
      throw new FlowException(file, id, "options: at least one key");
    }
    for (String key : keys) {
      if (key.length() != 1 || DTMF.indexOf(key.charAt(0)) < 0) {
        throw new FlowException(file, id, "option '" + key + "': expected one key of 0-9, * or #");
      }
    }
  }

  private void checkTurns(String id, Duration timeout, int retries) {
    if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(Duration.ofSeconds(60)) > 0) {
      throw new FlowException(file, id, "timeout " + Durations.format(timeout) + ": expected 1s to 60s");
    }
    if (retries < 1 || retries > 10) {
      throw new FlowException(file, id, "retries " + retries + ": expected 1 to 10");
    }
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
}
