package org.relais.sms.smpp;

/** Type of number and numbering plan of the addresses Relais sends from and to (SMPP 3.4 section 5.2.5-6). */
final class Addresses {

  /** An address as SMPP carries it. */
  record Address(String digits, byte ton, byte npi) {}

  private static final byte TON_UNKNOWN = 0;
  private static final byte TON_INTERNATIONAL = 1;
  private static final byte TON_NETWORK_SPECIFIC = 3;
  private static final byte TON_ALPHANUMERIC = 5;
  private static final byte NPI_UNKNOWN = 0;
  private static final byte NPI_ISDN = 1;

  private Addresses() {}

  /** A citizen's number: {@code +216...} is international/ISDN without the '+', anything else unknown/ISDN. */
  static Address destination(String number) {
    String n = number.trim();
    if (n.startsWith("+")) {
      return new Address(n.substring(1), TON_INTERNATIONAL, NPI_ISDN);
    }
    if (n.startsWith("00") && n.length() > 4) {
      return new Address(n.substring(2), TON_INTERNATIONAL, NPI_ISDN);
    }
    return new Address(n, TON_UNKNOWN, NPI_ISDN);
  }

  /**
   * The sender: configured TON/NPI when given, else guessed from its form (a name is alphanumeric,
   * a short code network-specific, {@code +...} international).
   */
  static Address source(String address, Integer ton, Integer npi) {
    String a = address == null ? "" : address.trim();
    Address guessed;
    if (a.startsWith("+")) {
      guessed = new Address(a.substring(1), TON_INTERNATIONAL, NPI_ISDN);
    } else if (!a.isEmpty() && !a.chars().allMatch(Character::isDigit)) {
      guessed = new Address(a, TON_ALPHANUMERIC, NPI_UNKNOWN);
    } else if (!a.isEmpty() && a.length() <= 8) {
      guessed = new Address(a, TON_NETWORK_SPECIFIC, NPI_UNKNOWN);
    } else {
      guessed = new Address(a, TON_UNKNOWN, a.isEmpty() ? NPI_UNKNOWN : NPI_ISDN);
    }
    return new Address(guessed.digits(),
        ton != null ? ton.byteValue() : guessed.ton(), npi != null ? npi.byteValue() : guessed.npi());
  }
}
