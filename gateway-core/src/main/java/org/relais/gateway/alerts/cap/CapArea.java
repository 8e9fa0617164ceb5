package org.relais.gateway.alerts.cap;

import java.util.List;

/** A CAP {@code area}: its description, and the polygons, circles and geocodes that bound it. */
public record CapArea(
    String areaDesc, List<Polygon> polygons, List<Circle> circles, List<CapInfo.NameValue> geocodes, Double altitude,
    Double ceiling) {

  public CapArea {
    polygons = List.copyOf(polygons);
    circles = List.copyOf(circles);
    geocodes = List.copyOf(geocodes);
  }

  /** The polygons and circles together. */
  public List<Shape> shapes() {
    return java.util.stream.Stream.concat(polygons.stream(), circles.stream()).map(s -> (Shape) s).toList();
  }
}
