package org.relais.sms.encoding;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.relais.sms.SmsException;

/**
 * Chooses the alphabet of a text (GSM 03.38 when every character fits, else UCS2) and splits a
 * long one into segments that never cut an escape sequence or a surrogate pair.
 */
public final class SmsEncoder {

  /** GSM septets in a single message. */
  public static final int GSM_SINGLE = 160;
  /** UCS2 characters (UTF-16 code units) in a single message. */
  public static final int UCS2_SINGLE = 70;
  /** message_payload carries at most this many octets (SMPP 3.4 section 5.3.2.32). */
  public static final int MAX_PAYLOAD_OCTETS = 64 * 1024 - 1;

  private final Concatenation concatenation;
  private final int maxSegments;

  public SmsEncoder(Concatenation concatenation, int maxSegments) {
    if (maxSegments < 1 || maxSegments > 255) {
      throw new IllegalArgumentException("maxSegments must be 1..255, was " + maxSegments);
    }
    this.concatenation = concatenation;
    this.maxSegments = maxSegments;
  }

  /**
   * Encodes a text. {@code reference} numbers the concatenated message (the caller keeps the
   * counter, per destination or per bind); it is ignored for a single part.
   */
  public EncodedText encode(String text, boolean transliterate, int reference) {
    if (text == null || text.isEmpty()) {
      throw new SmsException(SmsException.Kind.INVALID, "the text is empty");
    }
    String source = transliterate ? Transliterator.toGsm(text) : text;
    int septets = Gsm7.septetCount(source);
    return septets >= 0 ? gsm(source, septets, reference) : ucs2(source, reference);
  }

  /** The number of parts a text takes, without building them; throws like {@link #encode} beyond the limit. */
  public int partsFor(String text, boolean transliterate) {
    String source = transliterate ? Transliterator.toGsm(text) : text;
    int septets = Gsm7.septetCount(source);
    int parts;
    if (septets >= 0) {
      parts = septets <= GSM_SINGLE ? 1 : splitGsm(source, gsmPartSize()).size();
    } else {
      parts = source.length() <= UCS2_SINGLE ? 1 : splitUcs2(source, ucs2PartSize()).size();
    }
    if (parts > maxSegments) {
      throw new SmsException(SmsException.Kind.INVALID,
          "the text needs %d segments; the limit is %d".formatted(parts, maxSegments));
    }
    return parts;
  }

  private EncodedText gsm(String text, int septets, int reference) {
    if (septets <= GSM_SINGLE) {
      return single(Alphabet.GSM7, septets, Gsm7.encode(text));
    }
    List<String> parts = splitGsm(text, gsmPartSize());
    return multipart(Alphabet.GSM7, septets, parts.stream().map(Gsm7::encode).toList(), Gsm7.encode(text), reference);
  }

  private EncodedText ucs2(String text, int reference) {
    byte[] all = text.getBytes(StandardCharsets.UTF_16BE);
    if (text.length() <= UCS2_SINGLE) {
      return single(Alphabet.UCS2, text.length(), all);
    }
    List<String> parts = splitUcs2(text, ucs2PartSize());
    return multipart(Alphabet.UCS2, text.length(),
        parts.stream().map(p -> p.getBytes(StandardCharsets.UTF_16BE)).toList(), all, reference);
  }

  private EncodedText single(Alphabet alphabet, int units, byte[] body) {
    return new EncodedText(alphabet, units, concatenation, List.of(new Segment(1, 1, 0, null, body)), 1);
  }

  private EncodedText multipart(Alphabet alphabet, int units, List<byte[]> bodies, byte[] all, int reference) {
    int total = bodies.size();
    if (total > maxSegments) {
      throw new SmsException(SmsException.Kind.INVALID,
          "the text needs %d segments (%d %s units); the limit is %d".formatted(
              total, units, alphabet == Alphabet.GSM7 ? "GSM" : "UCS2", maxSegments));
    }
    if (concatenation == Concatenation.PAYLOAD) {
      if (all.length > MAX_PAYLOAD_OCTETS) {
        throw new SmsException(SmsException.Kind.INVALID, "the text is longer than message_payload carries");
      }
      return new EncodedText(alphabet, units, concatenation, List.of(new Segment(1, 1, 0, null, all)), total);
    }
    int ref = concatenation == Concatenation.UDH16 ? reference & 0xFFFF : reference & 0xFF;
    List<Segment> segments = new ArrayList<>(total);
    for (int i = 0; i < total; i++) {
      byte[] header = switch (concatenation) {
        case UDH8 -> new byte[] {0x05, 0x00, 0x03, (byte) ref, (byte) total, (byte) (i + 1)};
        case UDH16 -> new byte[] {0x06, 0x08, 0x04, (byte) (ref >> 8), (byte) ref, (byte) total, (byte) (i + 1)};
        case SAR, PAYLOAD -> null;
      };
      segments.add(new Segment(i + 1, total, ref, header, bodies.get(i)));
    }
    return new EncodedText(alphabet, units, concatenation, List.copyOf(segments), total);
  }

  /** GSM septets per part: a 6-octet header (7 septets) leaves 153, a 7-octet one 152. */
  private int gsmPartSize() {
    return concatenation == Concatenation.UDH16 ? 152 : 153;
  }

  /** UCS2 characters per part: (140 - 6) / 2 = 67, or (140 - 7) / 2 = 66 with a 16-bit reference. */
  private int ucs2PartSize() {
    return concatenation == Concatenation.UDH16 ? 66 : 67;
  }

  /** Splits on character boundaries so an extension character (two septets) is never cut. */
  static List<String> splitGsm(String text, int partSeptets) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    int used = 0;
    for (int i = 0; i < text.length(); i++) {
      int n = Gsm7.septets(text.charAt(i));
      if (used + n > partSeptets) {
        parts.add(text.substring(start, i));
        start = i;
        used = 0;
      }
      used += n;
    }
    parts.add(text.substring(start));
    return parts;
  }

  /** Splits on UTF-16 code units, moving a cut that would fall inside a surrogate pair one unit back. */
  static List<String> splitUcs2(String text, int partUnits) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = Math.min(start + partUnits, text.length());
      if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
        end--;
      }
      parts.add(text.substring(start, end));
      start = end;
    }
    return parts;
  }
}
