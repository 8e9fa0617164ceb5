package org.relais.gateway.sms;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.relais.sms.Priority;

/**
 * A message to queue: who it goes to, what it says and how; {@code reference} ties it to what
 * caused it (a case, an inbound text); {@code idempotencyKey}, when the client gave one, makes a
 * repeat of the same request find this message instead of queuing another.
 */
public record NewMessage(
    String destination,
    String source,
    String body,
    String language,
    Priority priority,
    int parts,
    boolean registeredDelivery,
    boolean transliterate,
    Duration validity,
    Instant scheduleAt,
    String reference,
    String idempotencyKey) {

  public NewMessage {
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(body, "body");
    priority = priority == null ? Priority.NORMAL : priority;
  }

  public static Builder to(String destination, String body) {
    return new Builder(destination, body);
  }

  /** Builds a {@link NewMessage}; only the destination and the text are required. */
  public static final class Builder {
    private final String destination;
    private final String body;
    private String source;
    private String language;
    private Priority priority = Priority.NORMAL;
    private int parts = 1;
    private boolean registeredDelivery = true;
    private boolean transliterate;
    private Duration validity;
    private Instant scheduleAt;
    private String reference;
    private String idempotencyKey;

    private Builder(String destination, String body) {
      this.destination = destination;
      this.body = body;
    }

    public Builder source(String value) {
      source = value;
      return this;
    }

    public Builder language(String value) {
      language = value;
      return this;
    }

    public Builder priority(Priority value) {
      priority = value;
      return this;
    }

    public Builder parts(int value) {
      parts = value;
      return this;
    }

    public Builder registeredDelivery(boolean value) {
      registeredDelivery = value;
      return this;
    }

    public Builder transliterate(boolean value) {
      transliterate = value;
      return this;
    }

    public Builder validity(Duration value) {
      validity = value;
      return this;
    }

    public Builder scheduleAt(Instant value) {
      scheduleAt = value;
      return this;
    }

    public Builder reference(String value) {
      reference = value;
      return this;
    }

    public Builder idempotencyKey(String value) {
      idempotencyKey = value;
      return this;
    }

    public NewMessage build() {
      return new NewMessage(destination, source, body, language, priority, parts, registeredDelivery, transliterate,
          validity, scheduleAt, reference, idempotencyKey);
    }
  }
}
