package org.relais.ivr.flow;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A step of a flow. The set is closed: the engine and the validator switch over it exhaustively.
 * Node ids are the keys of the flow's {@code nodes} map; a node names the nodes it goes to.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Node.Play.class, name = "play"),
  @JsonSubTypes.Type(value = Node.Menu.class, name = "menu"),
  @JsonSubTypes.Type(value = Node.Language.class, name = "language"),
  @JsonSubTypes.Type(value = Node.Route.class, name = "route"),
  @JsonSubTypes.Type(value = Node.Hangup.class, name = "hangup"),
})
public sealed interface Node {

  /** The nodes this one can go to. */
  List<String> targets();

  /** The prompt keys this node can play. */
  List<String> promptKeys();

  /** True when the node waits for the caller (a loop must pass through one). */
  boolean waitsForInput();

  /** Plays prompts, then goes on. */
  record Play(List<String> prompts, String next) implements Node {
    public Play {
      prompts = prompts == null ? List.of() : List.copyOf(prompts);
    }

    @Override
    public List<String> targets() {
      return List.of(next);
    }

    @Override
    public List<String> promptKeys() {
      return prompts;
    }

    @Override
    public boolean waitsForInput() {
      return false;
    }
  }

  /**
   * Plays a prompt and reads one key: {@code options} maps a key to a node. No key within
   * {@code timeout} plays {@code noInput}, a key with no option plays {@code invalid}; after
   * {@code retries} such turns the call goes to {@code fallback}.
   */
  record Menu(
      String prompt, Map<String, String> options, Duration timeout, Integer retries, String invalid,
      String noInput, String fallback) implements Node {
    public Menu {
      options = options == null ? Map.of() : new LinkedHashMap<>(options);
      timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
      retries = retries == null ? 3 : retries;
    }

    @Override
    public List<String> targets() {
      List<String> t = new ArrayList<>(options.values());
      t.add(fallback);
      return t;
    }

    @Override
    public List<String> promptKeys() {
      List<String> keys = new ArrayList<>();
      keys.add(prompt);
      if (invalid != null) {
        keys.add(invalid);
      }
      if (noInput != null) {
        keys.add(noInput);
      }
      return keys;
    }

    @Override
    public boolean waitsForInput() {
      return true;
    }
  }

  /**
   * Asks the caller's language ({@code options} maps a key to a language code) and remembers it
   * for the caller's number; a caller whose language is known skips the question when
   * {@code skipWhenKnown} holds. Without an answer after the retries, the flow's first language.
   */
  record Language(
      String prompt, Map<String, String> options, Duration timeout, Integer retries, Boolean skipWhenKnown,
      String next) implements Node {
    public Language {
      options = options == null ? Map.of() : new LinkedHashMap<>(options);
      timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
      retries = retries == null ? 2 : retries;
      skipWhenKnown = skipWhenKnown == null || skipWhenKnown;
    }

    @Override
    public List<String> targets() {
      return List.of(next);
    }

    @Override
    public List<String> promptKeys() {
      return List.of(prompt);
    }

    @Override
    public boolean waitsForInput() {
      return true;
    }
  }

  /**
   * Ends the flow and hands the call back to the dialplan: to a queue ({@code queue}) or an
   * extension ({@code extension} as {@code context,exten}), after an optional prompt.
   */
  record Route(String queue, String extension, String prompt) implements Node {
    @Override
    public List<String> targets() {
      return List.of();
    }

    @Override
    public List<String> promptKeys() {
      return prompt == null ? List.of() : List.of(prompt);
    }

    @Override
    public boolean waitsForInput() {
      return false;
    }

    /** The value of RELAIS_ROUTE: {@code queue:<name>} or {@code exten:<context>,<exten>}. */
    public String route() {
      return queue != null ? "queue:" + queue : "exten:" + extension;
    }
  }

  /** Says goodbye (an optional prompt) and ends the call. */
  record Hangup(String prompt) implements Node {
    @Override
    public List<String> targets() {
      return List.of();
    }

    @Override
    public List<String> promptKeys() {
      return prompt == null ? List.of() : List.of(prompt);
    }

    @Override
    public boolean waitsForInput() {
      return false;
    }
  }
}
