package org.relais.gateway.alerts.cap;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.core.buffer.Buffer;

/**
 * Any body posted as CAP, read as XML and as JSON (as the API reads each), is a valid alert or a
 * {@link CapException} naming where it breaks: never another exception, never a hang. A valid
 * alert reads back the same from the JSON form the store keeps. Seeded with the test CAP files,
 * the external-entity and billion-laughs ones among them, and the JSON form of the flood warning.
 */
class CapFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void shouldReadAnyDocumentAsAValidAlertOrSayWhereItBreaks(byte[] input) {
    try {
      check(CapXml.read(input));
    } catch (CapException e) {
      assertThat(e.path()).startsWith("alert");
    }
    Object json;
    try {
      json = Json.decodeValue(Buffer.buffer(input));
    } catch (DecodeException e) {
      return; // the API answers 400 invalid_json before the reader sees it
    }
    if (json instanceof JsonObject object) {
      try {
        check(CapJson.read(object));
      } catch (CapException e) {
        assertThat(e.path()).startsWith("alert");
      }
    }
  }

  private static void check(CapAlert alert) {
    assertThat(alert.identifier()).isNotBlank();
    assertThat(alert.sender()).isNotBlank();
    assertThat(alert.sent()).isNotNull();
    assertThat(alert.status()).isNotNull();
    assertThat(alert.msgType()).isNotNull();
    assertThat(alert.scope()).isNotNull();
    assertThat(alert.infos()).allSatisfy(i -> {
      assertThat(i.categories()).isNotEmpty();
      assertThat(i.event()).isNotBlank();
      assertThat(i.areas()).allSatisfy(a -> assertThat(a.areaDesc()).isNotBlank());
    });
    assertThat(CapJson.read(new JsonObject(CapJson.write(alert).encode()))).isEqualTo(alert);
  }
}
