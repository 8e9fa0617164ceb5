package org.relais.gateway.alerts.cap;

import java.util.Arrays;

/**
 * A CAP polygon: at least four points, the last equal to the first. A point on the edge counts as
 * inside when the even-odd ray test says so; the polygon is not expected to cross the antimeridian.
 */
public record Polygon(double[] lats, double[] lons) implements Shape {

  public Polygon {
    lats = lats.clone();
    lons = lons.clone();
  }

  /** Reads {@code "lat,lon lat,lon ..."}; {@code path} names the element in errors. */
  public static Polygon parse(String path, String text) {
    String[] pairs = text.trim().split("\\s+");
    if (pairs.length < 4) {
      throw new CapException(path, "a polygon needs at least 4 points (the first repeated last), got " + pairs.length);
    }
    double[] lats = new double[pairs.length];
    double[] lons = new double[pairs.length];
    for (int i = 0; i < pairs.length; i++) {
      double[] p = Circle.point(path, pairs[i]);
      lats[i] = p[0];
      lons[i] = p[1];
    }
    int last = pairs.length - 1;
    if (lats[0] != lats[last] || lons[0] != lons[last]) {
      throw new CapException(path, "the polygon is not closed: its first point (" + pairs[0]
          + ") must be repeated as its last (" + pairs[last] + ")");
    }
    return new Polygon(lats, lons);
  }

  @Override
  public boolean contains(double lat, double lon) {
    boolean inside = false;
    for (int i = 0, j = lats.length - 1; i < lats.length; j = i++) {
      if ((lats[i] > lat) != (lats[j] > lat)
          && lon < (lons[j] - lons[i]) * (lat - lats[i]) / (lats[j] - lats[i]) + lons[i]) {
        inside = !inside;
      }
    }
    return inside;
  }

  @Override
  public double[] bounds() {
    return new double[] {Arrays.stream(lats).min().orElseThrow(), Arrays.stream(lats).max().orElseThrow(),
        Arrays.stream(lons).min().orElseThrow(), Arrays.stream(lons).max().orElseThrow()};
  }

  /** The CAP text form. */
  public String text() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < lats.length; i++) {
      b.append(i == 0 ? "" : " ").append(lats[i]).append(',').append(lons[i]);
    }
    return b.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Polygon p && Arrays.equals(lats, p.lats) && Arrays.equals(lons, p.lons);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(lats) + Arrays.hashCode(lons);
  }

  @Override
  public String toString() {
    return "Polygon[" + text() + "]";
  }
}
