package org.relais.gateway.notify;

import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.relais.gateway.sms.OutboundDispatcher;
import org.relais.gateway.subscribers.PhoneNumbers;

/**
 * Reads one recipient of a batch ({@code {"to", "language"?, "params": {...}, "reference"?}}),
 * checks it and renders its text: a number the SMSC routes, a language Relais writes in, a value
 * for every variable the kind's text uses, a text that fits the bind's parts. A fault is a
 * {@link BatchRejection} naming the line (or the position in the array) and the field.
 */
final class RecipientCheck {

  private static final Set<String> FIELDS = Set.of("to", "language", "params", "reference");
  private static final int MAX_VALUE = 500;
  private static final int MAX_REFERENCE = 128;

  private final NotificationTemplates.Kind kind;
  private final String batchLanguage;
  private final String defaultLanguage;
  private final OutboundDispatcher sms;
  private final String unit;

  /** {@code unit} names a recipient's place in messages: "line" for NDJSON, "recipient" for an array. */
  RecipientCheck(NotificationTemplates.Kind kind, String batchLanguage, String defaultLanguage, OutboundDispatcher sms,
      String unit) {
    this.kind = kind;
    this.batchLanguage = batchLanguage;
    this.defaultLanguage = defaultLanguage;
    this.sms = sms;
    this.unit = unit;
  }

  StagedRecipient check(long seq, long line, JsonObject json) {
    for (String field : json.fieldNames()) {
      if (!FIELDS.contains(field)) {
        throw fault(line, null, field, "unknown field '" + field + "'; expected to, language, params, reference");
      }
    }
    Object rawTo = json.getValue("to");
    if (!(rawTo instanceof String raw) || raw.isBlank()) {
      throw fault(line, null, "to", "to is missing: each recipient needs a phone number such as +21620123456");
    }
    String to = PhoneNumbers.normalize(raw).orElseThrow(() -> fault(line, null, "to",
        "to \"" + clip(raw) + "\" is not a phone number; write it as +21620123456 (E.164) or 0021620123456"));
    if (!sms.hasRoute(to)) {
      throw fault(line, to, "to", "no SMSC route (smpp.routes) serves this number");
    }
    String language = language(line, to, json.getValue("language"));
    JsonObject params = params(line, to, json.getValue("params"));
    String body;
    try {
      body = kind.text(language, defaultLanguage).render(name -> value(line, to, params, name, language));
    } catch (IllegalArgumentException e) {
      throw fault(line, to, "params", e.getMessage());
    }
    int parts = sms.partsFor(to, body, false);
    if (parts == 0) {
      throw fault(line, to, "params", "the text (" + body.length() + " characters) needs more parts than the SMSC"
          + " bind allows (max_segments)");
    }
    Object reference = json.getValue("reference");
    if (reference != null && !(reference instanceof String s && s.length() <= MAX_REFERENCE)) {
      throw fault(line, to, "reference", "reference must be a string of at most " + MAX_REFERENCE + " characters");
    }
    return new StagedRecipient(seq, to, language, body, parts, (String) reference);
  }

  private String language(long line, String to, Object value) {
    if (value == null) {
      return batchLanguage != null ? batchLanguage : defaultLanguage;
    }
    if (!(value instanceof String language) || !kind.hasLanguage(language)) {
      throw fault(line, to, "language", "language " + value + " has no text of " + kind.name() + "; expected one of "
          + kind.texts().keySet().stream().sorted().toList());
    }
    return language;
  }

  private JsonObject params(long line, String to, Object value) {
    if (value == null) {
      if (kind.variables().isEmpty()) {
        return new JsonObject();
      }
      throw fault(line, to, "params", "params is missing; " + kind.name() + " needs " + kind.variables());
    }
    if (!(value instanceof JsonObject params)) {
      throw fault(line, to, "params", "params must be an object of variable values");
    }
    return params;
  }

  private String value(long line, String to, JsonObject params, String name, String language) {
    Object v = params.getValue(name);
    if (v == null || v instanceof String s && s.isBlank()) {
      throw fault(line, to, "params." + name, "variable " + name + " is missing; template " + kind.name()
          + " needs " + kind.variables());
    }
    if (v instanceof Number n) {
      return Figures.format(n, language);
    }
    if (!(v instanceof String s) || s.length() > MAX_VALUE) {
      throw fault(line, to, "params." + name, "variable " + name + " must be a string of at most " + MAX_VALUE
          + " characters or a number");
    }
    return s.replace('\n', ' ').replace('\r', ' ');
  }

  BatchRejection fault(long line, String to, String field, String message) {
    String who = unit + " " + line + (to == null ? "" : " (" + PhoneNumbers.mask(to) + ")");
    return BatchRejection.recipient(line, field, who + ": " + message);
  }

  private static String clip(String s) {
    return s.length() > 20 ? s.substring(0, 20) + "…" : s;
  }
}
