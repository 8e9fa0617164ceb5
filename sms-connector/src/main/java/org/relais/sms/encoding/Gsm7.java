package org.relais.sms.encoding;

import java.io.ByteArrayOutputStream;

/**
 * The GSM 03.38 default alphabet and its extension table, one septet per byte (unpacked), the way
 * SMPP carries data_coding 0 to and from most SMSCs.
 */
public final class Gsm7 {

  /** The escape septet that announces a character of the extension table. */
  public static final int ESCAPE = 0x1B;

  private static final String BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

  private static final char[][] EXTENSION = {
    {'\f', 0x0A}, {'^', 0x14}, {'{', 0x28}, {'}', 0x29}, {'\\', 0x2F},
    {'[', 0x3C}, {'~', 0x3D}, {']', 0x3E}, {'|', 0x40}, {'€', 0x65},
  };

  private static final short[] TO_SEPTET = new short[0x10000];
  private static final char[] FROM_EXTENSION = new char[128];

  static {
    if (BASIC.length() != 128) {
      throw new AssertionError("GSM basic table has " + BASIC.length() + " entries");
    }
    java.util.Arrays.fill(TO_SEPTET, (short) -1);
    for (int septet = 0; septet < 128; septet++) {
      if (septet != ESCAPE) {
        TO_SEPTET[BASIC.charAt(septet)] = (short) septet;
      }
    }
    for (char[] entry : EXTENSION) {
      TO_SEPTET[entry[0]] = (short) (0x100 | entry[1]);
      FROM_EXTENSION[entry[1]] = entry[0];
    }
  }

  private Gsm7() {}

  /** Septets a character takes: 1 in the basic table, 2 in the extension table, -1 when it has no GSM form. */
  public static int septets(int codePoint) {
    if (codePoint > 0xFFFF) {
      return -1;
    }
    int code = TO_SEPTET[codePoint];
    if (code < 0) {
      return -1;
    }
    return (code & 0x100) != 0 ? 2 : 1;
  }

  /** True when every character of the text has a GSM form. */
  public static boolean canEncode(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      if (TO_SEPTET[text.charAt(i)] < 0) {
        return false;
      }
    }
    return true;
  }

  /** The number of septets the text takes, extension characters counting two; -1 when it does not fit GSM. */
  public static int septetCount(CharSequence text) {
    int count = 0;
    for (int i = 0; i < text.length(); i++) {
      int n = septets(text.charAt(i));
      if (n < 0) {
        return -1;
      }
      count += n;
    }
    return count;
  }

  /** Encodes the text one septet per byte; throws when a character has no GSM form. */
  public static byte[] encode(CharSequence text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int code = TO_SEPTET[c];
      if (code < 0) {
        throw new IllegalArgumentException("character U+%04X has no GSM 03.38 form".formatted((int) c));
      }
      if ((code & 0x100) != 0) {
        out.write(ESCAPE);
      }
      out.write(code & 0x7F);
    }
    return out.toByteArray();
  }

  /**
   * Decodes unpacked septets. An escape followed by a septet the extension table does not define
   * reads as that septet's basic character, as 3GPP TS 23.038 asks of a receiver.
   */
  public static String decode(byte[] data, int offset, int length) {
    StringBuilder text = new StringBuilder(length);
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      int septet = data[i] & 0x7F;
      if (septet == ESCAPE && i + 1 < end) {
        int next = data[++i] & 0x7F;
        char extended = FROM_EXTENSION[next];
        text.append(extended != 0 ? extended : BASIC.charAt(next == ESCAPE ? 0x20 : next));
      } else if (septet == ESCAPE) {
        text.append(' ');
      } else {
        text.append(BASIC.charAt(septet));
      }
    }
    return text.toString();
  }

  /** Unpacks 7-bit packed user data (as carried on the air interface) into one septet per byte. */
  public static byte[] unpack(byte[] packed, int offset, int length, int septetCount, int fillBits) {
    byte[] septets = new byte[septetCount];
    for (int i = 0; i < septetCount; i++) {
      int bit = fillBits + i * 7;
      int index = offset + bit / 8;
      int shift = bit % 8;
      int value = (packed[index] & 0xFF) >> shift;
      if (shift > 1 && index + 1 < offset + length) {
        value |= (packed[index + 1] & 0xFF) << (8 - shift);
      }
      septets[i] = (byte) (value & 0x7F);
    }
    return septets;
  }
}
