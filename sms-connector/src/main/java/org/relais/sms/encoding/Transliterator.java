package org.relais.sms.encoding;

import java.text.Normalizer;
import java.util.Map;

/**
 * Rewrites a text into the GSM alphabet where a close form exists (â → a, œ → oe, « → "), so a
 * French text fits 160 characters a part instead of 70. Characters with no close form (Arabic,
 * emoji) are kept: such a text stays UCS2.
 */
public final class Transliterator {

  private static final Map<Character, String> SPECIAL = Map.ofEntries(
      Map.entry('œ', "oe"), Map.entry('Œ', "OE"), Map.entry('ç', "c"),
      Map.entry('«', "\""), Map.entry('»', "\""), Map.entry('“', "\""), Map.entry('”', "\""),
      Map.entry('„', "\""), Map.entry('‘', "'"), Map.entry('’', "'"), Map.entry('‚', "'"),
      Map.entry('–', "-"), Map.entry('—', "-"), Map.entry('‐', "-"), Map.entry('…', "..."),
      Map.entry('\u00A0', " "), Map.entry('\u202F', " "), Map.entry('\u2009', " "),
      Map.entry('•', "-"), Map.entry('°', "o"), Map.entry('`', "'"), Map.entry('\t', " "));

  private Transliterator() {}

  /** The text with every character that has no GSM form replaced by its closest GSM form, when one exists. */
  public static String toGsm(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Gsm7.septets(c) > 0) {
        out.append(c);
        continue;
      }
      String special = SPECIAL.get(c);
      if (special != null) {
        out.append(special);
        continue;
      }
      out.append(stripMarks(c));
    }
    return out.toString();
  }

  private static String stripMarks(char c) {
    String decomposed = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
    StringBuilder base = new StringBuilder();
    for (int i = 0; i < decomposed.length(); i++) {
      char d = decomposed.charAt(i);
      if (Character.getType(d) != Character.NON_SPACING_MARK) {
        base.append(d);
      }
    }
    String stripped = base.toString();
    return Gsm7.canEncode(stripped) && !stripped.isEmpty() ? stripped : String.valueOf(c);
  }
}
