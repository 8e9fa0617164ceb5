package org.relais.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relais.gateway.alerts.AlertRecord;
import org.relais.gateway.alerts.AlertState;
import org.relais.gateway.alerts.AlertStore;
import org.relais.gateway.alerts.Recipient;
import org.relais.gateway.alerts.RecipientState;
import org.relais.gateway.alerts.cap.CapAlert;
import org.relais.gateway.alerts.cap.CapJson;
import org.relais.gateway.config.StoreConfig;
import org.relais.gateway.subscribers.Channel;
import org.relais.gateway.subscribers.Consent;
import org.relais.gateway.subscribers.Subscriber;

/** Alerts, recipients and calls in SQLite, and the subscribers' place queries, without a gateway around them. */
class SqliteAlertStoreTest {

  @TempDir
  Path dir;
  private SqliteStore store;

  @BeforeEach
  void open() {
    store = SqliteStore.open(new StoreConfig(dir.resolve("relais.db").toString(), null, null));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.await(10, TimeUnit.SECONDS);
  }

  private static CapAlert cap(String identifier) {
    return CapJson.read(new JsonObject().put("identifier", identifier).put("sender", "s@example.tn")
        .put("sent", "2026-11-23T14:05:00+01:00").put("status", "Actual").put("msgType", "Alert").put("scope", "Public")
        .put("info", new JsonArray().add(new JsonObject().put("category", "Met").put("event", "flood")
            .put("urgency", "Immediate").put("severity", "Severe").put("certainty", "Observed"))));
  }

  private static Recipient voice(String msisdn) {
    return new Recipient(msisdn, Channel.VOICE, "fr", null, 0);
  }

  @Test
  void shouldClaimCallsPutThemBackAfterAStopAndNotRetryACancelledAlert() throws Exception {
    AlertStore alerts = store.alerts();
    AlertRecord a = await(alerts.create(cap("S-1"), "token:a", null));
    assertThatThrownBy(() -> await(alerts.create(cap("S-1"), "token:a", null)))
        .isInstanceOf(AlertStore.DuplicateAlert.class);
    assertThat(await(alerts.addRecipients(a.id(), List.of(voice("+21620000001"), voice("+21620000002"),
        new Recipient("+21620000003", Channel.SMS, "fr", "Alerte", 1)), 60_000))).isEqualTo(3);

    List<AlertStore.VoiceCall> due = await(alerts.dueCalls(Instant.now(), 10));
    assertThat(due).extracting(AlertStore.VoiceCall::msisdn).containsExactlyInAnyOrder("+21620000001", "+21620000002");
    assertThat(due).allSatisfy(c -> assertThat(c.attempt()).isEqualTo(1));
    assertThat(await(alerts.dueCalls(Instant.now(), 10))).as("claimed once").isEmpty();
    assertThat(await(alerts.resumeDialling())).as("a stop leaves them dialling; the next start frees them").isEqualTo(2);

    due = await(alerts.dueCalls(Instant.now(), 10));
    assertThat(due).allSatisfy(c -> assertThat(c.attempt()).isEqualTo(2));
    AlertStore.VoiceCall busy = due.stream().filter(c -> c.msisdn().endsWith("1")).findFirst().orElseThrow();
    AlertStore.VoiceCall answered = due.stream().filter(c -> c.msisdn().endsWith("2")).findFirst().orElseThrow();
    await(alerts.called(answered, RecipientState.ANSWERED, "answered", null));
    assertThat(await(alerts.confirmed(a.id(), "+21620000002"))).isTrue();
    assertThat(await(alerts.confirmed(a.id(), "+21620000009"))).isFalse();

    assertThat(await(alerts.cancel(a.id()))).as("the queued SMS; the call being dialled is not pending").isEqualTo(1);
    await(alerts.called(busy, RecipientState.PENDING, "busy", Instant.now()));
    assertThat(await(alerts.dueCalls(Instant.now().plusSeconds(1), 10))).as("no retry for a cancelled alert").isEmpty();

    var progress = await(alerts.progress(a.id()));
    assertThat(progress.voice("cancelled")).isEqualTo(1);
    assertThat(progress.callsAnswered()).isEqualTo(1);
    assertThat(progress.callsConfirmed()).isEqualTo(1);
    assertThat(progress.sms("cancelled")).isEqualTo(1);
    assertThat(await(alerts.find(a.id())).orElseThrow().state()).isEqualTo(AlertState.CANCELLED);
    assertThat(await(alerts.calls(a.id(), RecipientState.CANCELLED, null, 10))).singleElement()
        .satisfies(c -> assertThat(c.outcome()).isEqualTo("busy"));
  }

  @Test
  void shouldFindSubscribersByBoxByZoneAndForgetAPlace() throws Exception {
    var subscribers = store.subscribers();
    Subscriber inside = new Subscriber("+21620000010", "ar", List.of("nord"), new Subscriber.Place(36.82, 10.17),
        EnumSet.of(Channel.SMS, Channel.VOICE), Map.of(Consent.ALERTS, true), true, false, null);
    Subscriber noConsent = new Subscriber("+21620000011", "fr", List.of("nord"), new Subscriber.Place(36.82, 10.17),
        EnumSet.of(Channel.SMS), Map.of(Consent.ALERTS, false), false, false, null);
    await(subscribers.saveAll(List.of(inside, noConsent)));
    assertThat(await(subscribers.reachableIn(36.8, 36.85, 10.15, 10.2, false))).singleElement()
        .satisfies(r -> {
          assertThat(r.msisdn()).isEqualTo("+21620000010");
          assertThat(r.lat()).isEqualTo(36.82);
          assertThat(r.voice()).isTrue();
        });
    assertThat(await(subscribers.reachableIn(36.8, 36.85, 10.15, 10.2, true))).hasSize(1);
    assertThat(await(subscribers.reachableInZones(List.of("nord"), false))).hasSize(1);
    await(subscribers.saveAll(List.of(new Subscriber("+21620000010", "ar", List.of(), new Subscriber.Place(10, 10),
        EnumSet.of(Channel.SMS), Map.of(Consent.ALERTS, true), false, false, null))));
    assertThat(await(subscribers.reachableIn(36.8, 36.85, 10.15, 10.2, false))).as("moved away").isEmpty();
    assertThat(await(subscribers.reachableInZones(List.of("nord"), false))).as("zones replaced").isEmpty();
    await(subscribers.optOut("+21620000010"));
    assertThat(await(subscribers.reachableIn(9, 11, 9, 11, false))).as("opted out").isEmpty();
    assertThat(await(subscribers.delete("+21620000010"))).isTrue();
    assertThat(await(subscribers.find("+21620000010"))).as("the opt-out is kept").hasValueSatisfying(s -> {
      assertThat(s.optedOut()).isTrue();
      assertThat(s.place()).isNull();
    });
  }
}
