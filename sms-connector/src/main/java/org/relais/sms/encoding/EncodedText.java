package org.relais.sms.encoding;

import java.util.List;

/**
 * A text ready for submit: its alphabet, its length in that alphabet's units (septets, or UTF-16
 * code units for UCS2), how it travels and its segments ({@code segments.size()} is one when it
 * travels in message_payload, while {@code billedParts} still counts the parts the handset gets).
 */
public record EncodedText(
    Alphabet alphabet, int units, Concatenation concatenation, List<Segment> segments, int billedParts) {

  public boolean isMultipart() {
    return billedParts > 1;
  }
}
