package org.relais.gateway.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.relais.ivr.hours.OpeningHours;

/**
 * The IVR's files, relative to the configuration folder (flows, prompts per language), the folder
 * prefix of Relais's sounds on the Asterisk side, and the opening hours of each service that
 * flows and callbacks consult.
 */
public record IvrConfig(String flows, String prompts, String soundPrefix, String timezone, Map<String, HoursConfig> hours) {

  /** Weekdays 07:30 to 17:30, the default for the utility. */
  private static final HoursConfig HOTLINE = new HoursConfig(null, Map.of("mon-fri", "07:30-17:30"), List.of());
  private static final HoursConfig MAIRIE =
      new HoursConfig(null, Map.of("mon-fri", "08:00-16:30", "sat", "08:00-12:00"), List.of());

  public IvrConfig {
    flows = Settings.text(flows, "flows");
    prompts = Settings.text(prompts, "prompts");
    soundPrefix = Settings.text(soundPrefix, "relais");
    timezone = Settings.text(timezone, "Africa/Tunis");
    try {
      java.time.ZoneId.of(timezone);
    } catch (RuntimeException e) {
      throw new ConfigException("ivr.timezone", timezone, "a timezone such as Africa/Tunis or Europe/Paris");
    }
    hours = hours == null ? Map.of("hotline", HOTLINE, "mairie", MAIRIE) : new LinkedHashMap<>(hours);
    for (Map.Entry<String, HoursConfig> service : hours.entrySet()) {
      if (!service.getKey().matches("[a-z][a-z0-9_-]*")) {
        throw new ConfigException("ivr.hours." + service.getKey(), service.getKey(),
            "a service name (lower case letters, digits, - or _)");
      }
      parse(service.getKey(), service.getValue(), timezone);
    }
    hours = Map.copyOf(hours);
  }

  /** The opening hours of every service, read and checked. */
  public Map<String, OpeningHours> openingHours() {
    Map<String, OpeningHours> out = new LinkedHashMap<>();
    hours.forEach((name, h) -> out.put(name, parse(name, h, timezone)));
    return out;
  }

  private static OpeningHours parse(String name, HoursConfig h, String defaultZone) {
    if (h == null) {
      throw new ConfigException("ivr.hours." + name, "null", "a map with open, holidays and timezone");
    }
    try {
      return OpeningHours.parse(h.timezone() == null ? defaultZone : h.timezone(), h.open(), h.holidays());
    } catch (IllegalArgumentException e) {
      throw ConfigException.general("ivr.hours." + name, "ivr.hours." + name + ": " + e.getMessage());
    }
  }
}
