package org.relais.sms;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.relais.sms.encoding.Alphabet;

/**
 * One part of a concatenated text a citizen sent (UDH with an 8- or 16-bit reference, or SAR
 * TLVs), kept undecoded so that an escape sequence or a surrogate pair cut between two parts
 * decodes whole once the parts are joined.
 *
 * @param groupKey the same for every part of one message: sender, recipient, reference form, reference, total
 * @param partKey the same for a redelivery of this very part, so it is counted once
 * @param body the part's user data without its header, in {@code alphabet} (GSM one septet per byte)
 */
public record InboundPart(String bind, String source, String destination, String groupKey, int number, int total,
    Alphabet alphabet, byte[] body, String partKey, Instant receivedAt) {

  /** What stands in the joined text for a part that never came. */
  public static final String MISSING = "[…]";

  /**
   * Joins the parts of one message (in any order, duplicates ignored) into the text it carries;
   * the parts missing, if any, are marked {@link #MISSING} and counted.
   */
  public static InboundSms join(List<InboundPart> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("no parts to join");
    }
    List<InboundPart> sorted = new ArrayList<>(parts);
    sorted.sort(Comparator.comparingInt(InboundPart::number).thenComparing(InboundPart::receivedAt));
    InboundPart first = sorted.getFirst();
    int total = first.total();
    StringBuilder text = new StringBuilder();
    int expected = 1;
    int missing = 0;
    int received = 0;
    Alphabet runAlphabet = null;
    ByteArrayOutputStream run = new ByteArrayOutputStream();
    for (InboundPart part : sorted) {
      if (part.number() < expected) {
        continue;
      }
      if (part.number() > expected || part.alphabet() != runAlphabet) {
        flush(text, runAlphabet, run);
        runAlphabet = part.alphabet();
      }
      for (; expected < part.number(); expected++) {
        text.append(MISSING);
        missing++;
      }
      run.writeBytes(part.body());
      received++;
      expected = part.number() + 1;
    }
    flush(text, runAlphabet, run);
    for (; expected <= total; expected++) {
      text.append(MISSING);
      missing++;
    }
    Instant receivedAt = sorted.stream().map(InboundPart::receivedAt).max(Comparator.naturalOrder()).orElseThrow();
    return new InboundSms(first.bind(), first.source(), first.destination(), text.toString(), receivedAt,
        first.groupKey(), received, missing);
  }

  private static void flush(StringBuilder text, Alphabet alphabet, ByteArrayOutputStream run) {
    if (alphabet != null && run.size() > 0) {
      byte[] bytes = run.toByteArray();
      text.append(alphabet.decode(bytes, 0, bytes.length));
    }
    run.reset();
  }
}
