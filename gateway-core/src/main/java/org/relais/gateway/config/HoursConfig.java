package org.relais.gateway.config;

import java.util.List;
import java.util.Map;

/**
 * The opening hours of one service: days to ranges ({@code mon-fri: "07:30-17:30"}), holidays
 * ({@code 2026-03-20}, or {@code 05-01} every year) and a timezone (else {@code ivr.timezone}).
 */
public record HoursConfig(String timezone, Map<String, String> open, List<String> holidays) {

  public HoursConfig {
    open = open == null ? Map.of() : Map.copyOf(open);
    holidays = holidays == null ? List.of() : List.copyOf(holidays);
  }
}
