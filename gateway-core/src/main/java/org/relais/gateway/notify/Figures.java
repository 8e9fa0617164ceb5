package org.relais.gateway.notify;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Numbers written the way a reader of the language expects ({@code 1 234,5} in French,
 * {@code 1,234.5} in English), at most two decimals, with plain spaces: the narrow no-break space
 * of French grouping is not in the GSM alphabet and would cost the SMS half its length.
 */
public final class Figures {

  private static final ThreadLocal<Map<String, NumberFormat>> FORMATS = ThreadLocal.withInitial(HashMap::new);

  private Figures() {}

  public static String format(Number value, String language) {
    NumberFormat format = FORMATS.get().computeIfAbsent(language, Figures::numberFormat);
    Object number = value instanceof BigDecimal || value instanceof Double || value instanceof Float
        ? value.doubleValue() : value.longValue();
    String text = format.format(number);
    return text.replace('\u202f', ' ').replace('\u00a0', ' ');
  }

  private static NumberFormat numberFormat(String language) {
    NumberFormat format = NumberFormat.getNumberInstance(Locale.forLanguageTag(language));
    format.setMaximumFractionDigits(2);
    if (format instanceof DecimalFormat decimal) {
      decimal.setParseBigDecimal(true);
    }
    return format;
  }
}
