package org.relais.gateway.alerts.cap;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of CAP 1.2: the element names as keys ({@code identifier}, {@code info},
 * {@code area}, {@code polygon}...), a repeated element as an array (or one value), the same texts
 * as in XML. {@link #write} gives the form {@link #read} reads back.
 */
public final class CapJson {

  private CapJson() {}

  public static CapAlert read(JsonObject json) {
    return CapReader.read(new JsonNode(json, "alert"));
  }

  /** The alert in the JSON form. */
  public static JsonObject write(CapAlert a) {
    JsonObject o = new JsonObject().put("identifier", a.identifier()).put("sender", a.sender())
        .put("sent", a.sentText()).put("status", a.status().name()).put("msgType", a.msgType().name())
        .put("scope", a.scope().name());
    putText(o, "source", a.source());
    putText(o, "restriction", a.restriction());
    putText(o, "addresses", a.addresses());
    if (!a.codes().isEmpty()) {
      o.put("code", new JsonArray(a.codes()));
    }
    putText(o, "note", a.note());
    if (!a.references().isEmpty()) {
      o.put("references", String.join(" ", a.references().stream().map(CapAlert.Reference::text).toList()));
    }
    putText(o, "incidents", a.incidents());
    JsonArray infos = new JsonArray();
    for (CapInfo i : a.infos()) {
      infos.add(info(i));
    }
    if (!infos.isEmpty()) {
      o.put("info", infos);
    }
    return o;
  }

  private static JsonObject info(CapInfo i) {
    JsonObject o = new JsonObject().put("language", i.language())
        .put("category", new JsonArray(i.categories().stream().map(Enum::name).toList()))
        .put("event", i.event());
    if (!i.responseTypes().isEmpty()) {
      o.put("responseType", new JsonArray(i.responseTypes().stream().map(Enum::name).toList()));
    }
    o.put("urgency", i.urgency().name()).put("severity", i.severity().name()).put("certainty", i.certainty().name());
    putText(o, "audience", i.audience());
    putPairs(o, "eventCode", i.eventCodes());
    putText(o, "effective", i.effective() == null ? null : CapReader.formatTime(i.effective()));
    putText(o, "onset", i.onset() == null ? null : CapReader.formatTime(i.onset()));
    putText(o, "expires", i.expires() == null ? null : CapReader.formatTime(i.expires()));
    putText(o, "senderName", i.senderName());
    putText(o, "headline", i.headline());
    putText(o, "description", i.description());
    putText(o, "instruction", i.instruction());
    putText(o, "web", i.web());
    putText(o, "contact", i.contact());
    putPairs(o, "parameter", i.parameters());
    if (!i.resources().isEmpty()) {
      JsonArray rs = new JsonArray();
      for (CapInfo.Resource r : i.resources()) {
        JsonObject ro = new JsonObject().put("resourceDesc", r.resourceDesc()).put("mimeType", r.mimeType());
        if (r.size() != null) {
          ro.put("size", String.valueOf(r.size()));
        }
        putText(ro, "uri", r.uri());
        rs.add(ro);
      }
      o.put("resource", rs);
    }
    JsonArray areas = new JsonArray();
    for (CapArea a : i.areas()) {
      JsonObject ao = new JsonObject().put("areaDesc", a.areaDesc());
      if (!a.polygons().isEmpty()) {
        ao.put("polygon", new JsonArray(a.polygons().stream().map(Polygon::text).toList()));
      }
      if (!a.circles().isEmpty()) {
        ao.put("circle", new JsonArray(a.circles().stream().map(Circle::text).toList()));
      }
      putPairs(ao, "geocode", a.geocodes());
      if (a.altitude() != null) {
        ao.put("altitude", String.valueOf(a.altitude()));
      }
      if (a.ceiling() != null) {
        ao.put("ceiling", String.valueOf(a.ceiling()));
      }
      areas.add(ao);
    }
    if (!areas.isEmpty()) {
      o.put("area", areas);
    }
    return o;
  }

  private static void putText(JsonObject o, String key, String value) {
    if (value != null) {
      o.put(key, value);
    }
  }

  private static void putPairs(JsonObject o, String key, List<CapInfo.NameValue> pairs) {
    if (!pairs.isEmpty()) {
      JsonArray a = new JsonArray();
      pairs.forEach(p -> a.add(new JsonObject().put("valueName", p.valueName()).put("value", p.value())));
      o.put(key, a);
    }
  }

  /** A JSON object; a key holds one value or an array of them. */
  private record JsonNode(JsonObject json, String path) implements CapNode {

    @Override
    public List<String> texts(String name) {
      List<String> out = new ArrayList<>();
      for (Object v : values(name)) {
        if (v instanceof String || v instanceof Number || v instanceof Boolean) {
          out.add(String.valueOf(v).strip());
        } else {
          throw new CapException(path + "/" + name, "must be text (a string), not " + kind(v));
        }
      }
      return out;
    }

    @Override
    public List<CapNode> children(String name) {
      List<Object> values = values(name);
      List<CapNode> out = new ArrayList<>(values.size());
      for (int i = 0; i < values.size(); i++) {
        Object v = values.get(i);
        String at = path + "/" + name + "[" + i + "]";
        if (v instanceof JsonObject o) {
          out.add(new JsonNode(o, at));
        } else if (v instanceof Map<?, ?> m) {
          @SuppressWarnings("unchecked")
          Map<String, Object> map = (Map<String, Object>) m;
          out.add(new JsonNode(new JsonObject(map), at));
        } else {
          throw new CapException(at, "must be an object, not " + kind(v));
        }
      }
      return out;
    }

    private List<Object> values(String name) {
      Object v = json.getValue(name);
      if (v == null) {
        return List.of();
      }
      if (v instanceof JsonArray a) {
        return a.getList();
      }
      if (v instanceof List<?> l) {
        return new ArrayList<>(l);
      }
      return List.of(v);
    }

    private static String kind(Object v) {
      return v == null ? "null" : v instanceof JsonArray || v instanceof List<?> ? "an array"
          : v instanceof JsonObject || v instanceof Map<?, ?> ? "an object" : v.getClass().getSimpleName();
    }
  }
}
