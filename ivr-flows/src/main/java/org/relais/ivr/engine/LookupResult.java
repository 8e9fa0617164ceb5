package org.relais.ivr.engine;

import java.util.Map;

/** What a look-up found: values to set as flow variables, or nothing. */
public sealed interface LookupResult {

  /** Found: {@code values} become flow variables (the service's own variable among them). */
  record Found(Map<String, String> values) implements LookupResult {
    public Found {
      values = Map.copyOf(values);
    }
  }

  /** Nothing matches. */
  record NotFound() implements LookupResult {}
}
