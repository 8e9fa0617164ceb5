package org.relais.gateway.subscribers;

import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Relais holds of one number: its language, alert zones, place, the channels it may be
 * reached on, its consents per category (absent: never asked), whether it tests alerts, and
 * whether it sent STOP.
 */
public record Subscriber(
    String msisdn, String language, List<String> zones, Place place, Set<Channel> channels,
    Map<Consent, Boolean> consents, boolean tester, boolean optedOut, Instant updatedAt) {

  /** A point on Earth in WGS 84 degrees. */
  public record Place(double lat, double lon) {
    public Place {
      if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
        throw new IllegalArgumentException("latitude from -90 to 90 and longitude from -180 to 180");
      }
    }
  }

  public Subscriber {
    zones = List.copyOf(zones);
    channels = channels.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(channels));
    consents = Map.copyOf(consents.isEmpty() ? Map.of() : new EnumMap<>(consents));
  }

  /** True when the category was consented to explicitly. */
  public boolean consents(Consent category) {
    return Boolean.TRUE.equals(consents.get(category));
  }
}
