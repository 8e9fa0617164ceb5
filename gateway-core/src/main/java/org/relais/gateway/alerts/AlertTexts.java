package org.relais.gateway.alerts;

import java.util.List;
import java.util.Locale;
import org.relais.gateway.alerts.cap.CapAlert;
import org.relais.gateway.alerts.cap.CapEnums.Status;
import org.relais.gateway.alerts.cap.CapInfo;

/**
 * Which {@code info} a subscriber gets and what their SMS says. The info whose language matches
 * the subscriber's (by primary subtag: {@code fr} matches {@code fr-FR}); else the first found in
 * the configured fallback order; else the alert's first info. The text is the headline (or the
 * event), the description and the instruction, cut at a word to fit the configured length; a Test
 * or Exercise says so first.
 */
public final class AlertTexts {

  private final List<String> fallback;
  private final int maxChars;

  public AlertTexts(List<String> fallback, int maxChars) {
    this.fallback = List.copyOf(fallback);
    this.maxChars = maxChars;
  }

  /** The info for a subscriber speaking {@code language} (null: unknown), among {@code infos}. */
  public CapInfo pick(List<CapInfo> infos, String language) {
    if (language != null) {
      for (CapInfo i : infos) {
        if (primary(i.language()).equals(language.toLowerCase(Locale.ROOT))) {
          return i;
        }
      }
    }
    for (String l : fallback) {
      for (CapInfo i : infos) {
        if (primary(i.language()).equals(l)) {
          return i;
        }
      }
    }
    return infos.getFirst();
  }

  /** The language subtag of an info ({@code fr} for {@code fr-FR}). */
  public static String primary(String tag) {
    int dash = tag.indexOf('-');
    return (dash < 0 ? tag : tag.substring(0, dash)).toLowerCase(Locale.ROOT);
  }

  /** The SMS of an info. */
  public String sms(CapAlert alert, CapInfo info) {
    StringBuilder b = new StringBuilder();
    if (alert.status() == Status.Test || alert.status() == Status.Exercise) {
      b.append('[').append(alert.status().name().toUpperCase(Locale.ROOT)).append("] ");
    }
    b.append(info.headline() != null && !info.headline().isBlank() ? info.headline() : info.event());
    append(b, info.description());
    append(b, info.instruction());
    return cut(b.toString().replaceAll("\\s+", " ").strip(), maxChars);
  }

  /** What an automated call says after the headline: the description and the instruction. */
  public static String spoken(CapInfo info) {
    StringBuilder b = new StringBuilder();
    append(b, info.description());
    append(b, info.instruction());
    return b.toString().replaceAll("\\s+", " ").strip();
  }

  /** The headline an automated call opens with. */
  public static String headline(CapInfo info) {
    return info.headline() != null && !info.headline().isBlank() ? info.headline() : info.event();
  }

  private static void append(StringBuilder b, String text) {
    if (text != null && !text.isBlank()) {
      char last = b.isEmpty() ? '.' : b.charAt(b.length() - 1);
      b.append(last == '.' || last == '!' || last == '?' || last == ':' ? " " : ". ").append(text.strip());
    }
  }

  static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = text.lastIndexOf(' ', max - 1);
    return (end < max / 2 ? text.substring(0, max - 1) : text.substring(0, end)) + "…";
  }
}
