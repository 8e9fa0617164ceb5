package org.relais.ivr.flow;

import java.util.ArrayList;
import java.util.List;

/** What each node type goes to, plays and waits for: one exhaustive switch per question. */
final class NodeShapes {

  private static final List<String> DIGITS = List.of(
      "digit-0", "digit-1", "digit-2", "digit-3", "digit-4", "digit-5", "digit-6", "digit-7", "digit-8", "digit-9");

  private NodeShapes() {}

  static List<String> targets(Node node) {
    return switch (node) {
      case Node.Play n -> list(n.next());
      case Node.Say n -> list(n.next());
      case Node.Menu n -> {
        List<String> t = new ArrayList<>(n.options().values());
        t.add(n.fallback());
        yield t;
      }
      case Node.Input n -> list(n.next(), n.fallback());
      case Node.Set n -> list(n.next());
      case Node.Branch n -> {
        List<String> t = new ArrayList<>(n.cases().values());
        t.add(n.otherwise());
        yield t;
      }
      case Node.Hours n -> n.holiday() == null ? list(n.open(), n.closed()) : list(n.open(), n.closed(), n.holiday());
      case Node.Language n -> list(n.next());
      case Node.Lookup n -> n.failed() == null ? list(n.found(), n.notFound()) : list(n.found(), n.notFound(), n.failed());
      case Node.Record n -> list(n.next(), n.fallback());
      case Node.Case n -> n.failed() == null ? list(n.next()) : list(n.next(), n.failed());
      case Node.Callback n -> list(n.next(), n.failed());
      case Node.QueueWait n -> list(n.longer(), n.shorter());
      case Node.Route n -> List.of();
      case Node.Hangup n -> List.of();
    };
  }

  /** The name of the first missing required target, for the validator's message. */
  static String missingTarget(Node node) {
    return switch (node) {
      case Node.Menu n -> keyWithout(n.options(), "option").orElse("fallback");
      case Node.Input n -> n.next() == null ? "next" : "fallback";
      case Node.Branch n -> keyWithout(n.cases(), "case").orElse("default");
      case Node.Hours n -> n.open() == null ? "open" : "closed";
      case Node.Lookup n -> n.found() == null ? "found" : "not_found";
      case Node.Record n -> n.next() == null ? "next" : "fallback";
      case Node.Callback n -> n.next() == null ? "next" : "failed";
      case Node.QueueWait n -> n.longer() == null ? "longer" : "shorter";
      case Node.Play n -> "next";
      case Node.Say n -> "next";
      case Node.Set n -> "next";
      case Node.Language n -> "next";
      case Node.Case n -> "next";
      case Node.Route n -> "next";
      case Node.Hangup n -> "next";
    };
  }

  /** The first key of {@code targets} that names no node, as {@code option '0'}. */
  private static java.util.Optional<String> keyWithout(java.util.Map<String, String> targets, String what) {
    return targets.entrySet().stream().filter(e -> e.getValue() == null).findFirst()
        .map(e -> what + " '" + e.getKey() + "'");
  }

  static List<String> promptKeys(Node node) {
    return switch (node) {
      case Node.Play n -> n.prompts();
      case Node.Say n -> {
        List<String> keys = new ArrayList<>(DIGITS);
        keys.addAll(present(n.prompt()));
        yield keys;
      }
      case Node.Menu n -> required(n.prompt(), n.invalid(), n.noInput());
      case Node.Input n -> required(n.prompt(), n.invalid(), n.noInput());
      case Node.Record n -> required(n.prompt(), n.confirm(), n.noInput());
      case Node.Language n -> list(n.prompt());
      case Node.Route n -> present(n.prompt());
      case Node.Hangup n -> present(n.prompt());
      case Node.Set n -> List.of();
      case Node.Branch n -> List.of();
      case Node.Hours n -> List.of();
      case Node.Lookup n -> List.of();
      case Node.Case n -> List.of();
      case Node.Callback n -> List.of();
      case Node.QueueWait n -> List.of();
    };
  }

  /**
   * True when the node always waits for the caller. A language node that skips the question for a
   * caller whose language is known does not: for that caller it goes straight on.
   */
  static boolean waitsForInput(Node node) {
    return switch (node) {
      case Node.Menu n -> true;
      case Node.Input n -> true;
      case Node.Language n -> !n.skipWhenKnown();
      case Node.Record n -> true;
      case Node.Play n -> false;
      case Node.Say n -> false;
      case Node.Set n -> false;
      case Node.Branch n -> false;
      case Node.Hours n -> false;
      case Node.Lookup n -> false;
      case Node.Case n -> false;
      case Node.Callback n -> false;
      case Node.QueueWait n -> false;
      case Node.Route n -> false;
      case Node.Hangup n -> false;
    };
  }

  /** A list that keeps nulls (a missing required target or prompt shows as null). */
  private static List<String> list(String... values) {
    List<String> out = new ArrayList<>(values.length);
    for (String v : values) {
      out.add(v);
    }
    return out;
  }

  /** The first key is required (kept when null, so the validator names it); the others are optional. */
  private static List<String> required(String key, String... optional) {
    List<String> out = list(key);
    for (String o : optional) {
      if (o != null) {
        out.add(o);
      }
    }
    return out;
  }

  private static List<String> present(String key) {
    return key == null ? List.of() : List.of(key);
  }
}
