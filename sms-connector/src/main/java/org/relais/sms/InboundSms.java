package org.relais.sms;

import java.time.Instant;

/**
 * A text a citizen sent, decoded and, when it came in parts, reassembled. {@code source} is in
 * international form ({@code +216...}) when the SMSC said it was international; {@code dedupeKey}
 * is the same for a redelivery of the same message, so it is committed once; {@code missingParts}
 * counts the parts that never came when a concatenated text was delivered after its timeout.
 */
public record InboundSms(String bind, String source, String destination, String text, Instant receivedAt,
    String dedupeKey, int parts, int missingParts) {

  /** A text that came whole. */
  public InboundSms(String bind, String source, String destination, String text, Instant receivedAt,
      String dedupeKey, int parts) {
    this(bind, source, destination, text, receivedAt, dedupeKey, parts, 0);
  }

  public boolean isComplete() {
    return missingParts == 0;
  }
}
