package org.relais.sms.smpp;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.relais.sms.OutboundSms;

/** SMPP 3.4 time formats (section 7.1.1): absolute {@code YYMMDDhhmmsstnnp} and relative {@code ...R}. */
final class SmppTimes {

  private static final DateTimeFormatter ABSOLUTE = DateTimeFormatter.ofPattern("yyMMddHHmmss").withZone(ZoneOffset.UTC);

  private SmppTimes() {}

  /** An absolute time in UTC ("000+"), or null for "immediately". */
  static String absolute(Instant at) {
    return at == null ? null : ABSOLUTE.format(at) + "000+";
  }

  /**
   * The validity_period of {@code sms}: relative when it goes out at once, absolute (the scheduled
   * time plus the validity) when it is scheduled, so the validity counts from the delivery the
   * SMSC will attempt and not from the submit; null for the SMSC's default.
   */
  static String validity(OutboundSms sms) {
    if (sms.validity() == null) {
      return null;
    }
    return sms.scheduleAt() == null ? relative(sms.validity()) : absolute(sms.scheduleAt().plus(sms.validity()));
  }

  /** A relative period such as validity, or null for the SMSC's default. */
  static String relative(Duration period) {
    if (period == null) {
      return null;
    }
    long s = Math.max(1, period.toSeconds());
    long days = s / 86_400;
    long years = days / 365;
    days %= 365;
    long months = days / 30;
    days %= 30;
    return "%02d%02d%02d%02d%02d%02d000R".formatted(
        Math.min(years, 99), months, days, (s / 3600) % 24, (s / 60) % 60, s % 60);
  }
}
