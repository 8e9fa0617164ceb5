package org.relais.gateway.alerts.cap;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.relais.gateway.alerts.cap.CapEnums.Category;
import org.relais.gateway.alerts.cap.CapEnums.Certainty;
import org.relais.gateway.alerts.cap.CapEnums.MsgType;
import org.relais.gateway.alerts.cap.CapEnums.ResponseType;
import org.relais.gateway.alerts.cap.CapEnums.Scope;
import org.relais.gateway.alerts.cap.CapEnums.Severity;
import org.relais.gateway.alerts.cap.CapEnums.Status;
import org.relais.gateway.alerts.cap.CapEnums.Urgency;

/**
 * Builds a {@link CapAlert} from either form, checking it as CAP 1.2 says: the required elements
 * present once, the enumerations spelt exactly, times with a numeric offset ({@code Z} is not
 * allowed), identifiers without spaces, commas, {@code <} or {@code &}, references as
 * {@code sender,identifier,sent}, polygons closed, circles and geocodes well formed. Relais adds
 * bounds on sizes so that one message cannot exhaust it.
 */
final class CapReader {

  private static final Pattern TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?[+-]\\d{2}:\\d{2}");
  /** Seconds' fractions are kept when there are some: the stored alert, and its references, must give back the sender's time. */
  private static final DateTimeFormatter OUT = new DateTimeFormatterBuilder().appendPattern("yyyy-MM-dd'T'HH:mm:ss")
      .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).appendPattern("xxx").toFormatter(Locale.ROOT);
  private static final int MAX_INFOS = 16;
  private static final int MAX_AREAS = 64;
  private static final int MAX_POINTS = 20_000;
  private static final int MAX_TEXT = 8_192;

  private CapReader() {}

  static CapAlert read(CapNode alert) {
    String identifier = identifier(alert, "identifier");
    String sender = identifier(alert, "sender");
    OffsetDateTime sent = time(alert, "sent", true);
    Status status = CapEnums.parse(Status.class, alert.path() + "/status", one(alert, "status", true));
    MsgType msgType = CapEnums.parse(MsgType.class, alert.path() + "/msgType", one(alert, "msgType", true));
    Scope scope = CapEnums.parse(Scope.class, alert.path() + "/scope", one(alert, "scope", true));
    String restriction = one(alert, "restriction", false);
    if (scope == Scope.Restricted && restriction == null) {
      throw new CapException(alert.path() + "/restriction", "required when scope is Restricted");
    }
    String addresses = one(alert, "addresses", false);
    if (scope == Scope.Private && addresses == null) {
      throw new CapException(alert.path() + "/addresses", "required when scope is Private");
    }
    List<CapAlert.Reference> references = references(alert);
    if ((msgType == MsgType.Update || msgType == MsgType.Cancel) && references.isEmpty()) {
      throw new CapException(alert.path() + "/references", "an " + msgType + " must name the message(s) it "
          + (msgType == MsgType.Update ? "updates" : "cancels"));
    }
    List<CapNode> infoNodes = alert.children("info");
    if (infoNodes.size() > MAX_INFOS) {
      throw new CapException(alert.path() + "/info", "at most " + MAX_INFOS + " info blocks");
    }
    List<CapInfo> infos = new ArrayList<>();
    for (CapNode info : infoNodes) {
      infos.add(info(info));
    }
    return new CapAlert(identifier, sender, sent, status, msgType, one(alert, "source", false), scope, restriction,
        addresses, alert.texts("code"), one(alert, "note", false), references, one(alert, "incidents", false), infos);
  }

  private static CapInfo info(CapNode info) {
    String language = one(info, "language", false);
    if (language == null || language.isEmpty()) {
      language = "en-US";
    } else if (!language.matches("[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")) {
      throw new CapException(info.path() + "/language", "\"" + language + "\" is not an RFC 3066 language tag");
    }
    List<String> categoryTexts = info.texts("category");
    if (categoryTexts.isEmpty()) {
      throw new CapException(info.path() + "/category", "required (at least one)");
    }
    List<Category> categories = new ArrayList<>();
    for (int i = 0; i < categoryTexts.size(); i++) {
      categories.add(CapEnums.parse(Category.class, info.path() + "/category[" + i + "]", categoryTexts.get(i)));
    }
    List<ResponseType> responses = new ArrayList<>();
    List<String> responseTexts = info.texts("responseType");
    for (int i = 0; i < responseTexts.size(); i++) {
      responses.add(CapEnums.parse(ResponseType.class, info.path() + "/responseType[" + i + "]", responseTexts.get(i)));
    }
    String event = one(info, "event", true);
    Urgency urgency = CapEnums.parse(Urgency.class, info.path() + "/urgency", one(info, "urgency", true));
    Severity severity = CapEnums.parse(Severity.class, info.path() + "/severity", one(info, "severity", true));
    Certainty certainty = CapEnums.parse(Certainty.class, info.path() + "/certainty", one(info, "certainty", true));
    List<CapNode> areaNodes = info.children("area");
    if (areaNodes.size() > MAX_AREAS) {
      throw new CapException(info.path() + "/area", "at most " + MAX_AREAS + " areas");
    }
    List<CapArea> areas = new ArrayList<>();
    int[] points = {0};
    for (CapNode area : areaNodes) {
      areas.add(area(area, points));
    }
    List<CapInfo.Resource> resources = new ArrayList<>();
    for (CapNode r : info.children("resource")) {
      String size = one(r, "size", false);
      Long bytes;
      try {
        bytes = size == null ? null : Long.parseLong(size);
      } catch (NumberFormatException e) {
        throw new CapException(r.path() + "/size", "\"" + size + "\" is not a whole number of bytes");
      }
      resources.add(new CapInfo.Resource(one(r, "resourceDesc", true), one(r, "mimeType", true), bytes,
          one(r, "uri", false)));
    }
    return new CapInfo(language, categories, event, responses, urgency, severity, certainty,
        one(info, "audience", false), pairs(info, "eventCode"), time(info, "effective", false),
        time(info, "onset", false), time(info, "expires", false), one(info, "senderName", false),
        one(info, "headline", false), one(info, "description", false), one(info, "instruction", false),
        one(info, "web", false), one(info, "contact", false), pairs(info, "parameter"), resources, areas);
  }

  private static CapArea area(CapNode area, int[] points) {
    String desc = one(area, "areaDesc", true);
    List<Polygon> polygons = new ArrayList<>();
    List<String> polygonTexts = area.texts("polygon");
    for (int i = 0; i < polygonTexts.size(); i++) {
      Polygon p = Polygon.parse(area.path() + "/polygon[" + i + "]", polygonTexts.get(i));
      points[0] += p.lats().length;
      if (points[0] > MAX_POINTS) {
        throw new CapException(area.path() + "/polygon[" + i + "]", "more than " + MAX_POINTS + " points in one info");
      }
      polygons.add(p);
    }
    List<Circle> circles = new ArrayList<>();
    List<String> circleTexts = area.texts("circle");
    for (int i = 0; i < circleTexts.size(); i++) {
      circles.add(Circle.parse(area.path() + "/circle[" + i + "]", circleTexts.get(i)));
    }
    return new CapArea(desc, polygons, circles, pairs(area, "geocode"), number(area, "altitude"),
        number(area, "ceiling"));
  }

  private static List<CapInfo.NameValue> pairs(CapNode node, String name) {
    List<CapInfo.NameValue> out = new ArrayList<>();
    for (CapNode pair : node.children(name)) {
      out.add(new CapInfo.NameValue(one(pair, "valueName", true), one(pair, "value", true)));
    }
    return out;
  }

  private static List<CapAlert.Reference> references(CapNode alert) {
    String text = one(alert, "references", false);
    List<CapAlert.Reference> out = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return out;
    }
    for (String entry : text.trim().split("\\s+")) {
      String[] parts = entry.split(",", -1);
      if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || !TIME.matcher(parts[2]).matches()) {
        throw new CapException(alert.path() + "/references", "\"" + entry
            + "\" is not sender,identifier,sent (sent with its offset, such as 2026-11-23T14:05:00+01:00)");
      }
      out.add(new CapAlert.Reference(parts[0], parts[1], parts[2]));
    }
    return out;
  }

  private static String identifier(CapNode node, String name) {
    String v = one(node, name, true);
    if (v.chars().anyMatch(c -> c == ' ' || c == ',' || c == '<' || c == '&' || Character.isWhitespace(c))) {
      throw new CapException(node.path() + "/" + name, "must not contain spaces, commas, '<' or '&'");
    }
    return v;
  }

  private static OffsetDateTime time(CapNode node, String name, boolean required) {
    String v = one(node, name, required);
    if (v == null) {
      return null;
    }
    if (!TIME.matcher(v).matches()) {
      throw new CapException(node.path() + "/" + name, "\"" + v + "\" is not a CAP time: YYYY-MM-DDThh:mm:ss with a"
          + " numeric offset such as +01:00 or -00:00 (\"Z\" is not allowed)");
    }
    try {
      return OffsetDateTime.parse(v);
    } catch (DateTimeParseException e) {
      throw new CapException(node.path() + "/" + name, "\"" + v + "\" is not a valid date and time");
    }
  }

  private static Double number(CapNode node, String name) {
    String v = one(node, name, false);
    try {
      return v == null ? null : Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new CapException(node.path() + "/" + name, "\"" + v + "\" is not a number");
    }
  }

  /** The element's text: absent gives null (an error when required), more than one is an error. */
  private static String one(CapNode node, String name, boolean required) {
    List<String> values = node.texts(name);
    if (values.size() > 1) {
      throw new CapException(node.path() + "/" + name, "appears " + values.size() + " times; at most once");
    }
    String v = values.isEmpty() ? null : values.getFirst();
    if (v != null && v.length() > MAX_TEXT) {
      throw new CapException(node.path() + "/" + name, "longer than " + MAX_TEXT + " characters");
    }
    if (required && (v == null || v.isEmpty())) {
      throw new CapException(node.path() + "/" + name, "required");
    }
    return v;
  }

  static String formatTime(OffsetDateTime t) {
    return t.format(OUT);
  }
}
