package org.relais.sms.encoding;

import java.util.Optional;

/**
 * The user data header of 3GPP TS 23.040 section 9.2.3.24 as far as Relais reads it: its length,
 * and the concatenation element with an 8-bit (IEI 0x00) or 16-bit (IEI 0x08) reference.
 */
public final class UserDataHeader {

  /** Where a part sits in a concatenated message. */
  public record Concat(int reference, int referenceBits, int total, int number) {

    /** True when the numbers can describe a part: 1 ≤ number ≤ total, total ≥ 2. */
    public boolean isPart() {
      return total >= 2 && number >= 1 && number <= total;
    }
  }

  private UserDataHeader() {}

  /** Octets the header takes, its length octet included, never more than the data holds. */
  public static int length(byte[] userData) {
    if (userData == null || userData.length == 0) {
      return 0;
    }
    return Math.min(userData.length, (userData[0] & 0xFF) + 1);
  }

  /** The concatenation element of the header that starts {@code userData}, when it has one that fits. */
  public static Optional<Concat> concat(byte[] userData) {
    int end = length(userData);
    int i = 1;
    while (i + 1 < end) {
      int iei = userData[i] & 0xFF;
      int len = userData[i + 1] & 0xFF;
      int value = i + 2;
      if (value + len > end) {
        return Optional.empty();
      }
      if (iei == 0x00 && len == 3) {
        return Optional.of(new Concat(userData[value] & 0xFF, 8, userData[value + 1] & 0xFF, userData[value + 2] & 0xFF));
      }
      if (iei == 0x08 && len == 4) {
        int ref = ((userData[value] & 0xFF) << 8) | (userData[value + 1] & 0xFF);
        return Optional.of(new Concat(ref, 16, userData[value + 2] & 0xFF, userData[value + 3] & 0xFF));
      }
      i = value + len;
    }
    return Optional.empty();
  }
}
