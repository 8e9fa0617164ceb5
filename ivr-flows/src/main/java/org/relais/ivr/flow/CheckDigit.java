package org.relais.ivr.flow;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/**
 * The check-digit schemes a keyed-in number can carry: a mistyped key is caught on the phone, and
 * the same number works in an SMS. Verhoeff catches every single wrong digit and every swap of two
 * neighbours; Luhn (bank cards, many account numbers) misses the swap 09 ↔ 90.
 */
public enum CheckDigit {
  /** No check: any digits are accepted. */
  NONE {
    @Override
    public int compute(CharSequence digits) {
      throw new UnsupportedOperationException("no check digit");
    }

    @Override
    boolean checks(CharSequence number) {
      return true;
    }
  },
  /** Verhoeff's dihedral-group scheme (Relais's own tracking numbers). */
  VERHOEFF {
    @Override
    public int compute(CharSequence digits) {
      int c = 0;
      int n = digits.length();
      for (int i = 0; i < n; i++) {
        c = D[c][P[(i + 1) % 8][digits.charAt(n - 1 - i) - '0']];
      }
      return INV[c];
    }

    @Override
    boolean checks(CharSequence number) {
      int c = 0;
      int n = number.length();
      for (int i = 0; i < n; i++) {
        c = D[c][P[i % 8][number.charAt(n - 1 - i) - '0']];
      }
      return c == 0;
    }
  },
  /** Luhn's mod-10 scheme. */
  LUHN {
    @Override
    public int compute(CharSequence digits) {
      return (10 - luhnSum(digits, true) % 10) % 10;
    }

    @Override
    boolean checks(CharSequence number) {
      return luhnSum(number, false) % 10 == 0;
    }
  };

  private static final int[][] D = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5}, {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
    {3, 4, 0, 1, 2, 8, 9, 5, 6, 7}, {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
    {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3}, {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
    {9, 8, 7, 6, 5, 4, 3, 2, 1, 0},
  };
  private static final int[][] P = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4}, {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
    {8, 9, 1, 6, 0, 4, 3, 5, 2, 7}, {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
    {2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8},
  };
  private static final int[] INV = {0, 4, 3, 2, 1, 5, 6, 7, 8, 9};

  /** The scheme a flow names: {@code none}, {@code verhoeff} or {@code luhn}. */
  @JsonCreator
  public static CheckDigit of(String label) {
    for (CheckDigit c : values()) {
      if (c.name().equalsIgnoreCase(label)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown check '" + label + "' (expected none, verhoeff or luhn)");
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The check digit to append to {@code digits} (all 0-9). */
  public abstract int compute(CharSequence digits);

  abstract boolean checks(CharSequence number);

  /** True when {@code number} is at least two digits, all 0-9, and its last digit checks. */
  public boolean isValid(CharSequence number) {
    if (number == null || number.length() < 2) {
      return false;
    }
    for (int i = 0; i < number.length(); i++) {
      char ch = number.charAt(i);
      if (ch < '0' || ch > '9') {
        return false;
      }
    }
    return checks(number);
  }

  /** Sums the digits from the right, doubling every second one (the first when {@code fromCheck}). */
  private static int luhnSum(CharSequence digits, boolean fromCheck) {
    int sum = 0;
    int n = digits.length();
    for (int i = 0; i < n; i++) {
      int d = digits.charAt(n - 1 - i) - '0';
      if ((i % 2 == 0) == fromCheck) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
    }
    return sum;
  }
}
