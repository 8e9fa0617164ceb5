package org.relais.gateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.pdu.SubmitSm;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.relais.gateway.NoBlockedEventLoops;
import org.relais.gateway.TestGateway;
import org.relais.sms.smpp.TestSmsc;

/**
 * The whole gateway against an SMSC that misbehaves while messages flow: it drops the connection
 * with a full window, stalls without answering anything, or answers ESME_RTHROTTLED to everything
 * for a long stretch. Relais recovers by itself (no restart, no operator) and every accepted
 * message reaches the SMSC; what is sent twice is counted and bounded by the window.
 */
@Timeout(180)
@ExtendWith(NoBlockedEventLoops.class)
class SmscFaultsTest {

  private static final int WINDOW = 20;

  @TempDir
  Path dir;
  private TestGateway relais;

  @AfterEach
  void stop() throws Exception {
    relais.close();
  }

  private void start() throws Exception {
    relais = TestGateway.start(dir, Map.of("RELAIS_SMPP_WINDOW", String.valueOf(WINDOW), "RELAIS_SMPP_TPS", "2000",
        "RELAIS_SMPP_ENQUIRE_LINK", "300ms", "RELAIS_SMPP_RESPONSE_TIMEOUT", "1s",
        "RELAIS_SMPP_DEAD_PEER_TIMEOUT", "3s", "RELAIS_SMPP_RECONNECT_MAX", "1s"));
  }

  @Test
  void shouldSendEverythingWhenTheSmscDropsTheConnectionWithAFullWindowThreeTimes() throws Exception {
    start();
    relais.smsc.respondAfter(Duration.ofMillis(100));
    List<String> accepted = post(600);
    for (int drop = 1; drop <= 3; drop++) {
      relais.smsc.awaitSubmits(drop * 100, 60_000);
      relais.smsc.dropConnections();
      relais.smsc.awaitBound(10_000);
    }
    relais.smsc.respondAfter(Duration.ZERO);
    Outcome outcome = settle(accepted, 600);
    assertThat(outcome.extraSubmits()).as("sent again: only what was in the window at each drop")
        .isLessThanOrEqualTo(3 * WINDOW);
    Figures.record("SmscFaultsTest.drop", "600 messages, 3 connection drops with a full window (" + WINDOW
        + "): all submitted; " + outcome.extraSubmits() + " extra submits (bound " + 3 * WINDOW + "), "
        + relais.smsc.bindRequests().size() + " binds");
  }

  @Test
  void shouldSendEverythingWhenTheSmscStallsWithoutAnsweringThenComesBack() throws Exception {
    start();
    List<String> accepted = post(300);
    relais.smsc.awaitSubmits(50, 30_000);
    relais.smsc.mute(true);
    int bindsBefore = relais.smsc.bindRequests().size();
    long end = System.currentTimeMillis() + 30_000;
    while (relais.smsc.bindRequests().size() == bindsBefore && System.currentTimeMillis() < end) {
      Thread.sleep(50);
    }
    assertThat(relais.smsc.bindRequests().size()).as("the silent connection dropped and bound again")
        .isGreaterThan(bindsBefore);
    relais.smsc.mute(false);
    Outcome outcome = settle(accepted, 300);
    assertThat(outcome.extraSubmits()).as("sent again: only what the stalled window held")
        .isLessThanOrEqualTo(2 * WINDOW);
    Figures.record("SmscFaultsTest.stall", "300 messages, the SMSC silent (no resp, no enquire_link_resp) until"
        + " dead_peer_timeout: all submitted; " + outcome.extraSubmits() + " extra submits (bound " + 2 * WINDOW
        + "), " + relais.smsc.bindRequests().size() + " bind requests");
  }

  @Test
  void shouldSendEverythingAfterALongStretchOfThrottling() throws Exception {
    start();
    AtomicBoolean throttling = new AtomicBoolean(true);
    AtomicInteger throttled = new AtomicInteger();
    relais.smsc.respondWith(s -> {
      if (throttling.get()) {
        throttled.incrementAndGet();
        return TestSmsc.refuse(s, SmppConstants.STATUS_THROTTLED);
      }
      return relais.smsc.accept(s);
    });
    List<String> accepted = post(400);
    long started = System.nanoTime();
    Thread.sleep(THROTTLE.toMillis());
    throttling.set(false);
    Outcome outcome = settle(accepted, 400);
    double seconds = (System.nanoTime() - started) / 1e9;
    assertThat(throttled.get()).isPositive();
    Figures.record("SmscFaultsTest.throttle", "400 messages, every submit answered ESME_RTHROTTLED for "
        + THROTTLE.toSeconds() + " s (" + throttled.get() + " refusals): all submitted " + "%.1f".formatted(seconds)
        + " s after the start of the throttling; " + outcome.extraSubmits() + " extra accepted submits");
  }

  /** How long the SMSC throttles everything: minutes in the field, seconds here (the backoff is what is tested). */
  private static final Duration THROTTLE = Duration.ofSeconds(15);

  private record Outcome(int extraSubmits) {}

  /** Waits until each of {@code n} destinations got an accepted submit and the store says submitted. */
  private Outcome settle(List<String> accepted, int n) throws Exception {
    TestGateway.await("every message submitted", 120_000, () -> {
      try {
        return relais.query("SELECT id FROM messages WHERE state = 'submitted'").size() == n;
      } catch (Exception e) {
        return false;
      }
    });
    Map<String, Long> states = relais.accountFor(accepted);
    assertThat(states).containsExactly(Map.entry("submitted", (long) n));
    java.util.Set<String> issued = relais.smsc.issuedIds();
    java.util.Map<String, Integer> byDestination = new java.util.HashMap<>();
    for (SubmitSm s : relais.smsc.submits()) {
      byDestination.merge(s.getDestAddress().getAddress(), 1, Integer::sum);
    }
    assertThat(byDestination).as("every destination reached").hasSize(n);
    assertThat(issued).hasSizeGreaterThanOrEqualTo(n);
    return new Outcome(Math.max(0, issued.size() - n));
  }

  private List<String> post(int n) throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      HttpResponse<String> r = relais.api("POST", "/api/v1/messages", TestGateway.SENDER,
          "{\"to\":\"+2163%07d\",\"text\":\"Releve de compteur %d\"}".formatted(i, i));
      assertThat(r.statusCode()).isEqualTo(202);
      ids.add(TestGateway.json(r).getString("id"));
    }
    return ids;
  }
}
