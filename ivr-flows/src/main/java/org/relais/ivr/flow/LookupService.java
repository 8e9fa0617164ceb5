package org.relais.ivr.flow;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The look-ups the gateway answers for a flow. Each reads one flow variable (or the caller's
 * number) and, when something is found, sets {@code variable} to one of {@code outcomes} (when the
 * set is closed) so that a {@code branch} node can be checked against it.
 */
public enum LookupService {
  /** A case by its tracking number (Relais's or the core's): sets {@code case_status}. */
  CASE_STATUS(true, "case_status", Set.of("received", "in_progress", "resolved", "closed", "rejected")),
  /** The customer account of the caller's number: sets {@code account}. */
  ACCOUNT_BY_CALLER(false, "account", Set.of()),
  /** A customer account keyed in by the caller: sets {@code account} when it exists. */
  ACCOUNT(true, "account", Set.of()),
  /** A supplier's invoice by its number: sets {@code invoice_status}. */
  INVOICE_STATUS(true, "invoice_status", Set.of("paid", "scheduled", "pending", "rejected"));

  private final boolean needsInput;
  private final String variable;
  private final Set<String> outcomes;

  LookupService(boolean needsInput, String variable, Set<String> outcomes) {
    this.needsInput = needsInput;
    this.variable = variable;
    this.outcomes = outcomes;
  }

  /** True when the look-up reads a flow variable ({@code input}); else it uses the caller's number. */
  public boolean needsInput() {
    return needsInput;
  }

  /** The flow variable set when something is found. */
  public String variable() {
    return variable;
  }

  /** The values {@link #variable()} can take, or an empty set when it is free (an account number). */
  public Set<String> outcomes() {
    return outcomes;
  }

  /** The name flows use: {@code case_status}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static LookupService of(String label) {
    for (LookupService s : values()) {
      if (s.label().equals(label)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown service '" + label + "' (expected "
        + Arrays.stream(values()).map(LookupService::label).collect(Collectors.joining(", ")) + ")");
  }
}
