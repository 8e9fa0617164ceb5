package org.relais.ivr.flow;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A step of a flow. The set is closed: the engine and the validator switch over it exhaustively.
 * Node ids are the keys of the flow's {@code nodes} map; a node names the nodes it goes to. Texts
 * may carry flow variables as {@code ${name}}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Node.Play.class, name = "play"),
  @JsonSubTypes.Type(value = Node.Say.class, name = "say"),
  @JsonSubTypes.Type(value = Node.Menu.class, name = "menu"),
  @JsonSubTypes.Type(value = Node.Input.class, name = "input"),
  @JsonSubTypes.Type(value = Node.Set.class, name = "set"),
  @JsonSubTypes.Type(value = Node.Branch.class, name = "branch"),
  @JsonSubTypes.Type(value = Node.Hours.class, name = "hours"),
  @JsonSubTypes.Type(value = Node.Language.class, name = "language"),
  @JsonSubTypes.Type(value = Node.Lookup.class, name = "lookup"),
  @JsonSubTypes.Type(value = Node.Record.class, name = "record"),
  @JsonSubTypes.Type(value = Node.Case.class, name = "case"),
  @JsonSubTypes.Type(value = Node.Callback.class, name = "callback"),
  @JsonSubTypes.Type(value = Node.QueueWait.class, name = "queue_wait"),
  @JsonSubTypes.Type(value = Node.Route.class, name = "route"),
  @JsonSubTypes.Type(value = Node.Hangup.class, name = "hangup"),
})
public sealed interface Node {

  /** The type names, as flows write them. */
  String TYPES = "play, say, menu, input, set, branch, hours, language, lookup, record, case, callback,"
      + " queue_wait, route or hangup";

  /** The nodes this one can go to (a missing required target is a null). */
  default List<String> targets() {
    return NodeShapes.targets(this);
  }

  /** The prompt keys this node can play. */
  default List<String> promptKeys() {
    return NodeShapes.promptKeys(this);
  }

  /** True when the node waits for the caller (a loop must pass through one). */
  default boolean waitsForInput() {
    return NodeShapes.waitsForInput(this);
  }

  /** Plays prompts, then goes on. */
  record Play(List<String> prompts, String next) implements Node {
    public Play {
      prompts = prompts == null ? List.of() : List.copyOf(prompts);
    }
  }

  /** Reads a variable back digit by digit in the caller's language (prompts {@code digit-0}…{@code digit-9}). */
  record Say(String prompt, String variable, String next) implements Node {}

  /**
   * Plays a prompt and reads a key (or a few: option keys may have up to four): {@code options}
   * maps keys to nodes. No key within {@code timeout} plays {@code noInput}, a key with no option
   * plays {@code invalid}; after {@code retries} such turns the call goes to {@code fallback}.
   */
  record Menu(
      String prompt, Map<String, String> options, Duration timeout, Duration interDigitTimeout, Integer retries,
      String invalid, String noInput, String fallback) implements Node {
    public Menu {
      options = options == null ? Map.of() : new LinkedHashMap<>(options);
      timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
      interDigitTimeout = interDigitTimeout == null ? Duration.ofSeconds(3) : interDigitTimeout;
      retries = retries == null ? 3 : retries;
    }

    /** The longest option key: how many keys to read. */
    public int keyLength() {
      return options.keySet().stream().mapToInt(String::length).max().orElse(1);
    }
  }

  /**
   * Reads a number into {@code variable}: {@code minDigits} to {@code maxDigits} keys, ended by the
   * {@code terminator} key (none when empty), the first within {@code timeout}, each next one
   * within {@code interDigitTimeout}, checked by {@code check}. A wrong number plays {@code invalid},
   * none plays {@code noInput}; after {@code retries} turns the call goes to {@code fallback}.
   */
  record Input(
      String prompt, String variable, Integer minDigits, Integer maxDigits, String terminator, Duration timeout,
      Duration interDigitTimeout, CheckDigit check, Integer retries, String invalid, String noInput, String next,
      String fallback) implements Node {
    public Input {
      minDigits = minDigits == null ? 1 : minDigits;
      maxDigits = maxDigits == null ? 20 : maxDigits;
      terminator = terminator == null ? "#" : terminator;
      timeout = timeout == null ? Duration.ofSeconds(6) : timeout;
      interDigitTimeout = interDigitTimeout == null ? Duration.ofSeconds(4) : interDigitTimeout;
      check = check == null ? CheckDigit.NONE : check;
      retries = retries == null ? 3 : retries;
    }
  }

  /** Sets flow variables (a category chosen in a menu, say), then goes on. */
  record Set(Map<String, String> values, String next) implements Node {
    public Set {
      values = values == null ? Map.of() : new LinkedHashMap<>(values);
    }
  }

  /** Goes to the node of the variable's value in {@code cases}, else to {@code default}. */
  record Branch(String variable, Map<String, String> cases, @JsonProperty("default") String otherwise) implements Node {
    public Branch {
      cases = cases == null ? Map.of() : new LinkedHashMap<>(cases);
    }
  }

  /** Goes to {@code open}, {@code closed} or {@code holiday} (else closed) by the service's hours now. */
  record Hours(String service, String open, String closed, String holiday) implements Node {}

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
  }

  /**
   * Asks the gateway ({@code service}) about the value of the variable {@code input}, or about the
   * caller's number; goes to {@code found} with the answer in variables, or to {@code notFound}. A
   * failure of the service goes to {@code failed} when given, else fails the flow.
   */
  record Lookup(LookupService service, String input, String found, String notFound, String failed) implements Node {}

  /**
   * Records the caller (a spoken complaint) into {@code variable}, after {@code prompt} and a beep,
   * for up to {@code maxDuration}, ending on {@code silence} or the # key. With a {@code confirm}
   * prompt the caller then keeps it (1), listens to it (2) or records again (3). Nothing said
   * plays {@code noInput}; after {@code retries} turns the call goes to {@code fallback}.
   */
  record Record(
      String prompt, String variable, Duration maxDuration, Duration silence, Boolean beep, String confirm,
      Integer retries, String noInput, String next, String fallback) implements Node {
    public Record {
      variable = variable == null ? "recording" : variable;
      maxDuration = maxDuration == null ? Duration.ofMinutes(2) : maxDuration;
      silence = silence == null ? Duration.ofSeconds(5) : silence;
      beep = beep == null || beep;
      retries = retries == null ? 2 : retries;
    }
  }

  /**
   * Opens a case for the caller (category and description may name variables; {@code recording}
   * names the variable of a record node) and puts its tracking number in {@code variable}; the
   * gateway sends it by SMS. A failure goes to {@code failed} when given, else fails the flow.
   */
  record Case(
      String category, String description, String recording, String variable, String next, String failed)
      implements Node {
    public Case {
      variable = variable == null ? "tracking" : variable;
    }
  }

  /**
   * Registers a callback request: an agent of {@code queue} calls the caller back, within the
   * opening hours of {@code hours} (a service) when given. A withheld number or a refusal goes to
   * {@code failed}.
   */
  record Callback(String queue, String topic, String hours, String next, String failed) implements Node {}

  /**
   * Compares the queue's expected wait (from Asterisk) with {@code above}: longer goes to
   * {@code longer} (to offer a callback, say), shorter or unknown to {@code shorter}. Sets
   * {@code wait_minutes}.
   */
  record QueueWait(String queue, Duration above, String longer, String shorter) implements Node {}

  /**
   * Ends the flow and hands the call back to the dialplan: to a queue ({@code queue}) or an
   * extension ({@code extension} as {@code context,exten}), after an optional prompt, with channel
   * {@code variables} for the agent (an account number, say).
   */
  record Route(String queue, String extension, String prompt, Map<String, String> variables) implements Node {
    public Route {
      variables = variables == null ? Map.of() : new LinkedHashMap<>(variables);
    }

    /** The value of RELAIS_ROUTE: {@code queue:<name>} or {@code exten:<context>,<exten>}. */
    public String route() {
      return queue != null ? "queue:" + queue : "exten:" + extension;
    }
  }

  /** Says goodbye (an optional prompt) and ends the call. */
  record Hangup(String prompt) implements Node {}
}
