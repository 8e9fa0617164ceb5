package org.relais.sms.encoding;

import java.nio.charset.StandardCharsets;

/** The alphabets an SMPP data_coding can name, with the value Relais sends for each. */
public enum Alphabet {
  GSM7(0x00),
  IA5(0x01),
  LATIN1(0x03),
  BINARY(0x04),
  UCS2(0x08);

  private final int dataCoding;

  Alphabet(int dataCoding) {
    this.dataCoding = dataCoding;
  }

  /** The data_coding byte for a submit in this alphabet. */
  public int dataCoding() {
    return dataCoding;
  }

  /**
   * Reads a data_coding value (SMPP 3.4 section 5.2.19, and the GSM 03.38 coding groups SMSCs
   * pass through), with {@code smscDefault} standing for value 0.
   */
  public static Alphabet of(int dataCoding, Alphabet smscDefault) {
    int dc = dataCoding & 0xFF;
    if (dc < 0x10) {
      return switch (dc) {
        case 0x00 -> smscDefault;
        case 0x01 -> IA5;
        case 0x03 -> LATIN1;
        case 0x08 -> UCS2;
        case 0x02, 0x04 -> BINARY;
        default -> LATIN1;
      };
    }
    if ((dc & 0xF0) == 0xF0) {
      return (dc & 0x04) != 0 ? BINARY : GSM7;
    }
    if ((dc & 0xC0) == 0x00) {
      return switch ((dc >> 2) & 0x03) {
        case 0 -> GSM7;
        case 1 -> BINARY;
        case 2 -> UCS2;
        default -> LATIN1;
      };
    }
    if ((dc & 0xF0) == 0xE0) {
      return UCS2;
    }
    return (dc & 0xF0) == 0xC0 || (dc & 0xF0) == 0xD0 ? GSM7 : LATIN1;
  }

  /** Decodes user data in this alphabet; GSM is read one septet per byte. */
  public String decode(byte[] data, int offset, int length) {
    return switch (this) {
      case GSM7 -> Gsm7.decode(data, offset, length);
      case IA5 -> new String(data, offset, length, StandardCharsets.US_ASCII);
      case LATIN1, BINARY -> new String(data, offset, length, StandardCharsets.ISO_8859_1);
      case UCS2 -> new String(data, offset, length & ~1, StandardCharsets.UTF_16BE);
    };
  }
}
