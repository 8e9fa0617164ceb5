package org.relais.gateway.templates;

/**
 * CLDR plural categories for the languages Relais writes in: Arabic has six (zero, one, two, few,
 * many, other), French treats 0 and 1 as one, English only 1.
 */
public final class Plurals {

  private Plurals() {}

  /** The category of {@code n} in {@code language}; "other" for languages without a rule here. */
  public static String category(String language, long n) {
    return switch (language) {
      case "ar" -> arabic(n);
      case "fr" -> n == 0 || n == 1 ? "one" : "other";
      default -> n == 1 ? "one" : "other";
    };
  }

  private static String arabic(long n) {
    long mod100 = n % 100;
    if (n == 0) {
      return "zero";
    }
    if (n == 1) {
      return "one";
    }
    if (n == 2) {
      return "two";
    }
    if (mod100 >= 3 && mod100 <= 10) {
      return "few";
    }
    if (mod100 >= 11) {
      return "many";
    }
    return "other";
  }
}
