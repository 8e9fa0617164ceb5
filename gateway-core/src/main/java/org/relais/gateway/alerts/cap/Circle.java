package org.relais.gateway.alerts.cap;

/** A CAP circle: a centre and a radius in kilometres (great-circle distance on a 6,371 km sphere). */
public record Circle(double lat, double lon, double radiusKm) implements Shape {

  private static final double EARTH_KM = 6371.0088;

  /** Reads {@code "lat,lon radius"}. */
  public static Circle parse(String path, String text) {
    String[] parts = text.trim().split("\\s+");
    if (parts.length != 2) {
      throw new CapException(path, "a circle is \"lat,lon radius\" (radius in km), got \"" + text.trim() + "\"");
    }
    double[] centre = point(path, parts[0]);
    double radius;
    try {
      radius = Double.parseDouble(parts[1]);
    } catch (NumberFormatException e) {
      throw new CapException(path, "the radius \"" + parts[1] + "\" is not a number of km");
    }
    if (!(radius >= 0) || radius > 20_000) {
      throw new CapException(path, "the radius must be from 0 to 20000 km, got " + parts[1]);
    }
    return new Circle(centre[0], centre[1], radius);
  }

  /** Reads a WGS 84 point {@code "lat,lon"}. */
  static double[] point(String path, String pair) {
    int comma = pair.indexOf(',');
    if (comma < 0 || pair.indexOf(',', comma + 1) >= 0) {
      throw new CapException(path, "a point is \"lat,lon\", got \"" + pair + "\"");
    }
    try {
      double lat = Double.parseDouble(pair.substring(0, comma));
      double lon = Double.parseDouble(pair.substring(comma + 1));
      if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
        throw new CapException(path, "the point " + pair + " is outside -90..90, -180..180");
      }
      return new double[] {lat, lon};
    } catch (NumberFormatException e) {
      throw new CapException(path, "a point is \"lat,lon\" in degrees, got \"" + pair + "\"");
    }
  }

  @Override
  public boolean contains(double pLat, double pLon) {
    return distanceKm(lat, lon, pLat, pLon) <= radiusKm;
  }

  static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
    double dLat = Math.toRadians(lat2 - lat1);
    double dLon = Math.toRadians(lon2 - lon1);
    double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
        + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
    return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(a)));
  }

  @Override
  public double[] bounds() {
    double dLat = Math.toDegrees(radiusKm / EARTH_KM);
    double cos = Math.cos(Math.toRadians(lat));
    double dLon = cos < 1e-6 ? 180 : Math.min(180, dLat / cos);
    return new double[] {Math.max(-90, lat - dLat), Math.min(90, lat + dLat), Math.max(-180, lon - dLon),
        Math.min(180, lon + dLon)};
  }

  public String text() {
    return lat + "," + lon + " " + radiusKm;
  }
}
