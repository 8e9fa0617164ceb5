package org.relais.gateway.alerts.cap;

import java.time.OffsetDateTime;
import java.util.List;
import org.relais.gateway.alerts.cap.CapEnums.Category;
import org.relais.gateway.alerts.cap.CapEnums.Certainty;
import org.relais.gateway.alerts.cap.CapEnums.ResponseType;
import org.relais.gateway.alerts.cap.CapEnums.Severity;
import org.relais.gateway.alerts.cap.CapEnums.Urgency;

/** A CAP {@code info} block: the event in one language, how urgent, severe and certain, what to do, and where. */
public record CapInfo(
    String language, List<Category> categories, String event, List<ResponseType> responseTypes, Urgency urgency,
    Severity severity, Certainty certainty, String audience, List<NameValue> eventCodes, OffsetDateTime effective,
    OffsetDateTime onset, OffsetDateTime expires, String senderName, String headline, String description,
    String instruction, String web, String contact, List<NameValue> parameters, List<Resource> resources,
    List<CapArea> areas) {

  public CapInfo {
    categories = List.copyOf(categories);
    responseTypes = List.copyOf(responseTypes);
    eventCodes = List.copyOf(eventCodes);
    parameters = List.copyOf(parameters);
    resources = List.copyOf(resources);
    areas = List.copyOf(areas);
  }

  /** A {@code valueName}/{@code value} pair (eventCode, parameter, geocode). */
  public record NameValue(String valueName, String value) {}

  /** A {@code resource}: a file that goes with the message, such as a recorded announcement. */
  public record Resource(String resourceDesc, String mimeType, Long size, String uri) {}
}
