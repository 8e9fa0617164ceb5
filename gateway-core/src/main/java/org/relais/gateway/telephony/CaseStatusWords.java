package org.relais.gateway.telephony;

import java.util.Locale;
import java.util.Map;
import org.relais.gateway.cases.CaseRecord;

/**
 * The few words a caller hears about a case ({@code received}, {@code in_progress},
 * {@code resolved}, {@code closed}, {@code rejected}), from the status the core reported, or from
 * the hand-off state while the core has reported none.
 */
final class CaseStatusWords {

  private static final Map<String, String> WORDS = Map.ofEntries(
      Map.entry("new", "received"), Map.entry("received", "received"), Map.entry("submitted", "received"),
      Map.entry("acknowledged", "received"), Map.entry("pending", "received"),
      Map.entry("open", "in_progress"), Map.entry("opened", "in_progress"), Map.entry("assigned", "in_progress"),
      Map.entry("in_progress", "in_progress"), Map.entry("processing", "in_progress"),
      Map.entry("scheduled", "in_progress"),
      Map.entry("resolved", "resolved"), Map.entry("done", "resolved"), Map.entry("fixed", "resolved"),
      Map.entry("completed", "resolved"),
      Map.entry("closed", "closed"), Map.entry("archived", "closed"),
      Map.entry("rejected", "rejected"), Map.entry("refused", "rejected"), Map.entry("invalid", "rejected"),
      Map.entry("duplicate", "rejected"));

  private CaseStatusWords() {}

  static String of(CaseRecord c) {
    if (c.status() == null || c.status().isBlank()) {
      return "received";
    }
    String key = c.status().trim().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    return WORDS.getOrDefault(key, "in_progress");
  }
}
