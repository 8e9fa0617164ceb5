package org.relais.ivr.flow;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** Each node type's own settings: keys, timeouts, retries, names of variables, queues and services. */
final class NodeChecks {

  private static final String DTMF = "0123456789*#";
  private static final String VARIABLE = "[a-z][a-z0-9_]{0,39}";
  private static final String CHANNEL_VARIABLE = "[A-Z][A-Z0-9_]{0,39}";
  private static final String QUEUE = "[\\w-]+";

  private final String file;
  private final Flow flow;
  private final Set<String> hoursServices;

  NodeChecks(String file, Flow flow, Set<String> hoursServices) {
    this.file = file;
    this.flow = flow;
    this.hoursServices = hoursServices;
  }

  void check(String id, Node node) {
    switch (node) {
      case Node.Play n -> {
        if (n.prompts().isEmpty()) {
          throw fault(id, "prompts: at least one prompt to play");
        }
      }
      case Node.Say n -> variable(id, "variable", n.variable());
      case Node.Menu n -> {
        menuKeys(id, n.options().keySet());
        turns(id, n.timeout(), n.retries());
        FlowValidator.between(file, id, "inter_digit_timeout", n.interDigitTimeout(), Duration.ofSeconds(1),
            Duration.ofSeconds(30));
      }
      case Node.Input n -> input(id, n);
      case Node.Set n -> {
        if (n.values().isEmpty()) {
          throw fault(id, "values: at least one variable to set");
        }
        n.values().forEach((name, value) -> {
          variable(id, "values", name);
          texts(id, value);
        });
      }
      case Node.Branch n -> branch(id, n);
      case Node.Hours n -> service(id, "service", n.service());
      case Node.Language n -> language(id, n);
      case Node.Lookup n -> lookup(id, n);
      case Node.Record n -> record(id, n);
      case Node.Case n -> {
        if (n.description() == null || n.description().isBlank()) {
          throw fault(id, "description: the text the case is opened with");
        }
        texts(id, n.category());
        texts(id, n.description());
        variable(id, "variable", n.variable());
        if (n.recording() != null) {
          variable(id, "recording", n.recording());
        }
      }
      case Node.Callback n -> {
        queue(id, "queue", n.queue());
        texts(id, n.topic());
        if (n.hours() != null) {
          service(id, "hours", n.hours());
        }
      }
      case Node.QueueWait n -> {
        queue(id, "queue", n.queue());
        if (n.above() == null) {
          throw fault(id, "above: the wait beyond which the call goes to 'longer'");
        }
        FlowValidator.between(file, id, "above", n.above(), Duration.ZERO, Duration.ofHours(2));
      }
      case Node.Route n -> route(id, n);
      case Node.Hangup n -> {
        // nothing more to check
      }
    }
  }

  private void input(String id, Node.Input n) {
    variable(id, "variable", n.variable());
    if (n.minDigits() < 1 || n.maxDigits() > 32 || n.minDigits() > n.maxDigits()) {
      throw fault(id, "min_digits " + n.minDigits() + ", max_digits " + n.maxDigits()
          + ": expected 1 <= min_digits <= max_digits <= 32");
    }
    if (!n.terminator().isEmpty() && !n.terminator().equals("#") && !n.terminator().equals("*")) {
      throw fault(id, "terminator '" + n.terminator() + "': expected #, * or \"\" (none)");
    }
    if (n.check() != CheckDigit.NONE && n.minDigits() < 2) {
      throw fault(id, "check " + n.check().label() + ": min_digits must be at least 2 (a digit and its check)");
    }
    turns(id, n.timeout(), n.retries());
    FlowValidator.between(file, id, "inter_digit_timeout", n.interDigitTimeout(), Duration.ofSeconds(1),
        Duration.ofSeconds(30));
  }

  private void branch(String id, Node.Branch n) {
    variable(id, "variable", n.variable());
    if (n.cases().isEmpty()) {
      throw fault(id, "cases: at least one value");
    }
    for (LookupService service : LookupService.values()) {
      if (service.variable().equals(n.variable()) && !service.outcomes().isEmpty()) {
        for (String value : n.cases().keySet()) {
          if (!service.outcomes().contains(value)) {
            throw fault(id, "case '" + value + "': " + n.variable() + " is one of " + service.outcomes().stream().sorted()
                .toList());
          }
        }
      }
    }
  }

  private void language(String id, Node.Language n) {
    dtmfKeys(id, n.options().keySet(), 1);
    turns(id, n.timeout(), n.retries());
    for (var option : n.options().entrySet()) {
      String code = option.getValue();
      if (code == null) {
        throw fault(id, "option '" + option.getKey() + "': which language (one of " + flow.languages() + ")");
      }
      if (!flow.languages().contains(code)) {
        throw fault(id, "language '" + code + "' is not among the flow's languages " + flow.languages());
      }
    }
  }

  private void lookup(String id, Node.Lookup n) {
    if (n.service() == null) {
      throw fault(id, "service: what to look up");
    }
    if (n.service().needsInput()) {
      if (n.input() == null) {
        throw fault(id, "input: the variable " + n.service().label() + " looks up");
      }
      variable(id, "input", n.input());
    } else if (n.input() != null) {
      throw fault(id, "input: " + n.service().label() + " looks up the caller's number and takes no input");
    }
  }

  private void record(String id, Node.Record n) {
    variable(id, "variable", n.variable());
    FlowValidator.between(file, id, "max_duration", n.maxDuration(), Duration.ofSeconds(5), Duration.ofMinutes(10));
    FlowValidator.between(file, id, "silence", n.silence(), Duration.ofSeconds(1), Duration.ofSeconds(60));
    if (n.retries() < 1 || n.retries() > 10) {
      throw fault(id, "retries " + n.retries() + ": expected 1 to 10");
    }
  }

  private void route(String id, Node.Route n) {
    if ((n.queue() == null) == (n.extension() == null)) {
      throw fault(id, "give either queue or extension");
    }
    if (n.extension() != null && !n.extension().matches("[\\w-]+,[\\w*#+-]+")) {
      throw fault(id, "extension '" + n.extension() + "': expected context,exten");
    }
    if (n.queue() != null) {
      queue(id, "queue", n.queue());
    }
    for (Map.Entry<String, String> v : n.variables().entrySet()) {
      if (!v.getKey().matches(CHANNEL_VARIABLE) || v.getKey().equals("RELAIS_ROUTE")) {
        throw fault(id, "variables: '" + v.getKey() + "' is not a channel variable name such as RELAIS_ACCOUNT");
      }
      texts(id, v.getValue());
    }
  }

  private void menuKeys(String id, Set<String> keys) {
    dtmfKeys(id, keys, 4);
    for (String key : keys) {
      if (key.length() > 1 && key.indexOf('#') >= 0) {
        throw fault(id, "option '" + key + "': # ends the keys and can only be an option on its own");
      }
    }
  }

  private void dtmfKeys(String id, Set<String> keys, int maxLength) {
    if (keys.isEmpty()) {
      throw fault(id, "options: at least one key");
    }
    for (String key : keys) {
      boolean dtmf = !key.isEmpty() && key.length() <= maxLength && key.chars().allMatch(c -> DTMF.indexOf(c) >= 0);
      if (!dtmf) {
        throw fault(id, "option '" + key + "': expected " + (maxLength == 1 ? "one key" : "1 to " + maxLength + " keys")
            + " of 0-9, * or #");
      }
    }
  }

  private void turns(String id, Duration timeout, int retries) {
    if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(Duration.ofSeconds(60)) > 0) {
      throw fault(id, "timeout " + Durations.format(timeout) + ": expected 1s to 60s");
    }
    if (retries < 1 || retries > 10) {
      throw fault(id, "retries " + retries + ": expected 1 to 10");
    }
  }

  private void variable(String id, String key, String name) {
    if (name == null || !name.matches(VARIABLE)) {
      throw fault(id, key + ": '" + name + "' is not a variable name (lower case letters, digits, _)");
    }
  }

  private void texts(String id, String text) {
    for (String name : FlowValidator.variablesIn(text)) {
      variable(id, "${" + name + "}", name);
    }
  }

  private void queue(String id, String key, String queue) {
    if (queue == null || !queue.matches(QUEUE)) {
      throw fault(id, key + " '" + queue + "': expected a queue name (letters, digits, - or _)");
    }
  }

  private void service(String id, String key, String service) {
    if (service == null || !hoursServices.contains(service)) {
      throw fault(id, key + ": unknown service '" + service + "' (opening hours are configured for "
          + hoursServices.stream().sorted().toList() + " in ivr.hours)");
    }
  }

  private FlowException fault(String id, String problem) {
    return new FlowException(file, id, problem);
  }
}
