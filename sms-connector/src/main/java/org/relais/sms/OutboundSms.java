package org.relais.sms;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A text to send. {@code id} is the caller's message id, carried back in results and receipts;
 * {@code source} null means the bind's source address. {@code scheduleAt} asks the SMSC to hold it
 * until then; {@code validity} counts from {@code scheduleAt} when there is one, else from the submit.
 */
public record OutboundSms(
    String id,
    String source,
    String destination,
    String text,
    Priority priority,
    boolean registeredDelivery,
    boolean transliterate,
    Duration validity,
    Instant scheduleAt) {

  public OutboundSms {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(text, "text");
    priority = priority == null ? Priority.NORMAL : priority;
  }

  public static Builder builder(String id, String destination, String text) {
    return new Builder(id, destination, text);
  }

  /** Builds an {@link OutboundSms}; only id, destination and text are required. */
  public static final class Builder {
    private final String id;
    private final String destination;
    private final String text;
    private String source;
    private Priority priority = Priority.NORMAL;
    private boolean registeredDelivery = true;
    private boolean transliterate;
    private Duration validity;
    private Instant scheduleAt;

    private Builder(String id, String destination, String text) {
      this.id = id;
      this.destination = destination;
      this.text = text;
    }

    public Builder source(String source) {
      this.source = source;
      return this;
    }

    public Builder priority(Priority priority) {
      this.priority = priority;
      return this;
    }

    public Builder registeredDelivery(boolean registeredDelivery) {
      this.registeredDelivery = registeredDelivery;
      return this;
    }

    public Builder transliterate(boolean transliterate) {
      this.transliterate = transliterate;
      return this;
    }

    public Builder validity(Duration validity) {
      this.validity = validity;
      return this;
    }

    public Builder scheduleAt(Instant scheduleAt) {
      this.scheduleAt = scheduleAt;
      return this;
    }

    public OutboundSms build() {
      return new OutboundSms(id, source, destination, text, priority, registeredDelivery, transliterate,
          validity, scheduleAt);
    }
  }
}
