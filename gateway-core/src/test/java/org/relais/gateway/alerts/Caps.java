package org.relais.gateway.alerts;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** CAP alerts in the JSON form for tests: one info per language over the same area. */
final class Caps {

  /** A square around the centre of town: 36.80..36.85 N, 10.15..10.20 E. */
  static final String SQUARE = "36.80,10.15 36.80,10.20 36.85,10.20 36.85,10.15 36.80,10.15";
  static final String SENT = "2026-11-23T14:05:00+01:00";

  private Caps() {}

  static JsonObject alert(String identifier, String status, String msgType, JsonObject area, String... languages) {
    JsonArray infos = new JsonArray();
    for (String l : languages) {
      infos.add(new JsonObject().put("language", l).put("category", "Met").put("event", "flood")
          .put("urgency", "Immediate").put("severity", "Severe").put("certainty", "Observed")
          .put("headline", headline(l)).put("description", "desc-" + l).put("area", new JsonArray().add(area)));
    }
    return new JsonObject().put("identifier", identifier).put("sender", "mairie@example.tn").put("sent", SENT)
        .put("status", status).put("msgType", msgType).put("scope", "Public").put("info", infos);
  }

  static JsonObject flood(String identifier, String... languages) {
    return alert(identifier, "Actual", "Alert", square(), languages);
  }

  static String headline(String language) {
    return switch (language) {
      case "fr", "fr-FR" -> "Alerte inondation";
      case "ar" -> "إنذار فيضان";
      default -> "Flood warning";
    };
  }

  static JsonObject square() {
    return new JsonObject().put("areaDesc", "centre").put("polygon", new JsonArray().add(SQUARE));
  }

  static JsonObject area(List<String> polygons, List<String> circles, List<String> zones) {
    JsonObject a = new JsonObject().put("areaDesc", "area");
    if (!polygons.isEmpty()) {
      a.put("polygon", new JsonArray(polygons));
    }
    if (!circles.isEmpty()) {
      a.put("circle", new JsonArray(circles));
    }
    if (!zones.isEmpty()) {
      JsonArray g = new JsonArray();
      zones.forEach(z -> g.add(new JsonObject().put("valueName", "zone").put("value", z)));
      a.put("geocode", g);
    }
    return a;
  }

  /** The JSON form of a CAP reference to an alert of this class. */
  static String reference(String identifier) {
    return "mairie@example.tn," + identifier + "," + SENT;
  }
}
