package org.relais.gateway.alerts.cap;

/** An area of a CAP {@code area} block: a closed polygon or a circle, in WGS 84 degrees. */
public sealed interface Shape permits Polygon, Circle {

  boolean contains(double lat, double lon);

  /** The smallest latitude/longitude box holding the shape: minLat, maxLat, minLon, maxLon. */
  double[] bounds();
}
