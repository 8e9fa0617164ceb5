package org.relais.gateway.cases;

import java.security.SecureRandom;
import org.relais.ivr.flow.CheckDigit;

/**
 * Tracking numbers: random digits ending in a Verhoeff check digit, which catches every single
 * mistyped digit and every swap of two neighbours, so a citizen keying it on the phone or in an
 * SMS is told at once when it is wrong. The check-digit math is the flow language's
 * {@link CheckDigit#VERHOEFF}, so the IVR validates a keyed-in number exactly as the SMS path does.
 */
public final class TrackingNumbers {

  private static final SecureRandom RANDOM = new SecureRandom();

  private TrackingNumbers() {}

  /** A new number of {@code length} digits (check digit included), never starting with 0. */
  public static String next(int length) {
    StringBuilder body = new StringBuilder(length);
    body.append(1 + RANDOM.nextInt(9));
    while (body.length() < length - 1) {
      body.append(RANDOM.nextInt(10));
    }
    return body.append(checkDigit(body)).toString();
  }

  /** The Verhoeff check digit of a string of digits. */
  public static int checkDigit(CharSequence digits) {
    return CheckDigit.VERHOEFF.compute(digits);
  }

  /** True when the number is all digits and its last digit checks. */
  public static boolean isValid(String number) {
    return CheckDigit.VERHOEFF.isValid(number);
  }
}
