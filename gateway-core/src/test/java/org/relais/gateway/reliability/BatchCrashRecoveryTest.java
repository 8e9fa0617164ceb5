package org.relais.gateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.relais.gateway.TestGateway;

/**
 * The gateway killed with SIGKILL while it sends an accepted batch of 30,000 recipients (posted as
 * NDJSON to {@code POST /api/v1/batches}), then started again on the same store: every recipient
 * reaches the SMSC at least once; those sent twice are counted and are no more than could have been
 * between the store and the SMSC at the kill.
 */
@Timeout(600)
class BatchCrashRecoveryTest {

  private static final int RECIPIENTS = 30_000;
  private static final int KILL_AFTER_SUBMITS = 10_000;
  private static final int MAX_IN_FLIGHT = 1000;
  private static final int BATCH = 512;

  @TempDir
  Path dir;

  @Test
  void shouldSendEveryRecipientOfAnAcceptedBatchAtLeastOnceAfterAKillWhileItSends() throws Exception {
    try (Peers peers = Peers.start()) {
      Map<String, String> env = peers.env(Map.of("RELAIS_SMPP_TPS", "100000", "RELAIS_SMPP_WINDOW", "50",
          "RELAIS_SMPP_MAX_IN_FLIGHT", String.valueOf(MAX_IN_FLIGHT), "RELAIS_STORE_BATCH_SIZE", String.valueOf(BATCH),
          "RELAIS_NOTIFICATIONS_TIMEZONE", middayZone()));
      ChildGateway first = ChildGateway.start(dir, env);
      peers.smsc.awaitBound(30_000);
      long started = System.nanoTime();
      HttpResponse<String> posted = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + first.httpPort()
                  + "/api/v1/batches?template=payment_reminder&language=fr"))
              .header("Authorization", "Bearer " + TestGateway.SENDER)
              .header("Content-Type", "application/x-ndjson")
              .timeout(Duration.ofMinutes(2))
              .POST(HttpRequest.BodyPublishers.ofString(ndjson(), StandardCharsets.UTF_8)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
      assertThat(new JsonObject(posted.body()).getInteger("recipients")).isEqualTo(RECIPIENTS);
      double acceptedAfter = (System.nanoTime() - started) / 1e9;

      while (peers.smsc.submits().size() < KILL_AFTER_SUBMITS) {
        Thread.sleep(5);
      }
      first.kill();
      int submittedAtKill = peers.smsc.submits().size();
      try (ChildGateway second = first.restart()) {
        peers.smsc.awaitBound(30_000);
        long end = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        Map<Integer, Integer> submits = CrashRecoveryTest.countByNumber(peers.smsc.submits());
        while (submits.size() < RECIPIENTS && System.nanoTime() < end) {
          Thread.sleep(250);
          submits = CrashRecoveryTest.countByNumber(peers.smsc.submits());
        }
        Map<Integer, Integer> seen = submits;
        long missing = IntStream.range(0, RECIPIENTS).filter(n -> !seen.containsKey(n)).count();
        assertThat(missing).as("recipients of the accepted batch that never reached the SMSC: lost").isZero();
        assertThat(seen).hasSize(RECIPIENTS);
        long duplicates = seen.values().stream().filter(c -> c > 1).count();
        long extraSubmits = seen.values().stream().mapToLong(c -> c - 1).sum();
        assertThat(extraSubmits).as("sent twice: at most what was between the store and the SMSC at the kill")
            .isLessThanOrEqualTo(MAX_IN_FLIGHT + BATCH);
        double seconds = (System.nanoTime() - started) / 1e9;

        Figures.record("BatchCrashRecoveryTest", ("a batch of %d recipients (NDJSON) accepted (202) in %.1f s;"
            + " SIGKILL after %d submits seen by the SMSC; after restart every recipient reached the SMSC;"
            + " %d recipients sent twice (%d extra submits, bound %d); %d submits in all; %.1f s")
            .formatted(RECIPIENTS, acceptedAfter, submittedAtKill, duplicates, extraSubmits, MAX_IN_FLIGHT + BATCH,
                peers.smsc.submits().size(), seconds));
      }
    }
  }

  private static String ndjson() {
    StringBuilder b = new StringBuilder(RECIPIENTS * 110);
    for (int n = 0; n < RECIPIENTS; n++) {
      b.append(new JsonObject().put("to", ApiLoadDriver.recipient(n)).put("params", new JsonObject()
          .put("account", "A-" + n).put("amount", 42).put("due_date", "15/12/2026")).encode()).append('\n');
    }
    return b.toString();
  }

  /** A fixed-offset zone where it is about noon now: the batch's quiet hours never hold it, whenever the test runs. */
  private static String middayZone() {
    int hours = 12 - ZonedDateTime.now(ZoneOffset.UTC).getHour();
    return "UTC" + ZoneOffset.ofHours(Math.max(-12, Math.min(14, hours))).getId().replace("Z", "+00:00");
  }
}
