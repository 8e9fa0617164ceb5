package org.relais.gateway.alerts.cap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.relais.gateway.alerts.cap.CapEnums.MsgType;
import org.relais.gateway.alerts.cap.CapEnums.Severity;
import org.relais.gateway.alerts.cap.CapEnums.Status;

/** CAP 1.2 as XML and JSON: what is read, what breaks the specification (with its path), what is refused for safety. */
public class CapXmlTest {

  public static String fixture(String name) {
    try (InputStream in = CapXmlTest.class.getResourceAsStream("/alerts/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static CapAlert xml(String text) {
    return CapXml.read(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String flood() {
    return fixture("flood.xml");
  }

  @Test
  void shouldReadAFloodWarningWithTwoLanguagesAndEveryKindOfArea() {
    CapAlert a = xml(flood());
    assertThat(a.identifier()).isEqualTo("TN-ONM-2026-1123-001");
    assertThat(a.sentText()).isEqualTo("2026-11-23T14:05:00+01:00");
    assertThat(a.status()).isEqualTo(Status.Actual);
    assertThat(a.msgType()).isEqualTo(MsgType.Alert);
    assertThat(a.infos()).hasSize(2);
    CapInfo fr = a.infos().getFirst();
    assertThat(fr.language()).isEqualTo("fr-FR");
    assertThat(fr.categories()).hasSize(2);
    assertThat(fr.severity()).isEqualTo(Severity.Severe);
    assertThat(fr.resources().getFirst().mimeType()).isEqualTo("audio/x-wav");
    CapArea area = fr.areas().getFirst();
    assertThat(area.polygons().getFirst().contains(36.82, 10.17)).isTrue();
    assertThat(area.polygons().getFirst().contains(36.79, 10.17)).isFalse();
    assertThat(area.circles().getFirst().contains(36.91, 10.30)).isTrue();
    assertThat(area.circles().getFirst().contains(36.95, 10.30)).isFalse();
    assertThat(area.geocodes().getFirst().value()).isEqualTo("nord");
    assertThat(a.infos().get(1).headline()).isEqualTo("إنذار فيضان وسط المدينة");
  }

  @Test
  void shouldReadTheJsonFormIntoTheSameAlert() {
    CapAlert fromXml = xml(flood());
    JsonObject json = CapJson.write(fromXml);
    assertThat(CapJson.read(new JsonObject(json.encode()))).isEqualTo(fromXml);
  }

  @Test
  void shouldRefuseAnExternalEntityWithoutReadingIt() {
    assertThatThrownBy(() -> xml(fixture("xxe.xml")))
        .isInstanceOf(CapException.class)
        .hasMessageContaining("DOCTYPE is not allowed")
        .hasMessageNotContaining("root:");
  }

  @Test
  void shouldRefuseEntityExpansionBeforeExpandingAnything() {
    assertThatThrownBy(() -> xml(fixture("billion-laughs.xml")))
        .isInstanceOf(CapException.class)
        .hasMessageContaining("DOCTYPE is not allowed");
  }

  @Test
  void shouldNameThePathOfAMissingRequiredElement() {
    assertPath(flood().replace("<event>Inondation</event>", ""), "alert/info[0]/event", "required");
    assertPath(flood().replace("<identifier>TN-ONM-2026-1123-001</identifier>", ""), "alert/identifier", "required");
    assertPath(flood().replace("<category>Met</category>\n    <category>Safety</category>", ""),
        "alert/info[0]/category", "required");
  }

  @Test
  void shouldRefuseValuesOutsideTheEnumerations() {
    assertPath(flood().replace("<urgency>Immediate</urgency>", "<urgency>Now</urgency>"), "alert/info[0]/urgency",
        "is not one of Immediate");
    assertPath(flood().replace("<status>Actual</status>", "<status>actual</status>"), "alert/status", "Actual");
    assertPath(flood().replace("<responseType>Evacuate</responseType>", "<responseType>Run</responseType>"),
        "alert/info[0]/responseType[0]", "Shelter");
  }

  @Test
  void shouldRequireSentWithANumericOffset() {
    assertPath(flood().replace("2026-11-23T14:05:00+01:00</sent>", "2026-11-23T14:05:00Z</sent>"), "alert/sent",
        "\"Z\" is not allowed");
    assertPath(flood().replace("2026-11-23T14:05:00+01:00</sent>", "2026-11-23T14:05:00</sent>"), "alert/sent",
        "numeric offset");
  }

  @Test
  void shouldRefuseAPolygonThatIsNotClosedOrTooShort() {
    assertPath(flood().replaceFirst("36.85,10.15 36.80,10.15</polygon>", "36.85,10.15 36.80,10.16</polygon>"),
        "alert/info[0]/area[0]/polygon[0]", "not closed");
    assertPath(flood().replaceFirst("<polygon>[^<]*</polygon>", "<polygon>36.8,10.1 36.9,10.2 36.8,10.1</polygon>"),
        "alert/info[0]/area[0]/polygon[0]", "at least 4 points");
    assertPath(flood().replaceFirst("<polygon>[^<]*</polygon>", "<polygon>36.8,10.1 96.9,10.2 36.9,10.1 36.8,10.1</polygon>"),
        "alert/info[0]/area[0]/polygon[0]", "outside");
  }

  @Test
  void shouldRefuseABadCircleOrGeocode() {
    assertPath(flood().replaceFirst("<circle>36.90,10.30 2.5</circle>", "<circle>36.90,10.30</circle>"),
        "alert/info[0]/area[0]/circle[0]", "lat,lon radius");
    assertPath(flood().replaceFirst("<circle>36.90,10.30 2.5</circle>", "<circle>36.90,10.30 -1</circle>"),
        "alert/info[0]/area[0]/circle[0]", "radius");
    assertPath(flood().replaceFirst("<valueName>zone</valueName>", ""), "alert/info[0]/area[0]/geocode[0]/valueName",
        "required");
  }

  @Test
  void shouldRequireReferencesForAnUpdateOrACancel() {
    assertPath(flood().replace("<msgType>Alert</msgType>", "<msgType>Cancel</msgType>"), "alert/references",
        "must name");
    assertPath(flood().replace("<msgType>Alert</msgType>", "<msgType>Update</msgType><references>a,b</references>"),
        "alert/references", "sender,identifier,sent");
  }

  @Test
  void shouldRefuseADocumentOutsideTheCapNamespace() {
    assertPath(flood().replace("urn:oasis:names:tc:emergency:cap:1.2", "urn:oasis:names:tc:emergency:cap:1.1"),
        "alert", "namespace");
    assertPath("<alert", "alert", "not a readable CAP XML document");
  }

  @Test
  void shouldNameJsonFaultsTheSameWay() {
    JsonObject json = CapJson.write(xml(flood()));
    json.getJsonArray("info").getJsonObject(1).put("certainty", "Sure");
    assertThatThrownBy(() -> CapJson.read(json)).isInstanceOf(CapException.class)
        .extracting(e -> ((CapException) e).path()).isEqualTo("alert/info[1]/certainty");
    JsonObject bad = CapJson.write(xml(flood())).put("sender", new JsonObject());
    assertThatThrownBy(() -> CapJson.read(bad)).isInstanceOf(CapException.class)
        .extracting(e -> ((CapException) e).path()).isEqualTo("alert/sender");
  }

  private static void assertPath(String xml, String path, String message) {
    assertThatThrownBy(() -> xml(xml)).isInstanceOf(CapException.class)
        .hasMessageContaining(message)
        .extracting(e -> ((CapException) e).path()).isEqualTo(path);
  }
}
