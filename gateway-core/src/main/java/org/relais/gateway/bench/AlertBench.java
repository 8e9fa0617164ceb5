package org.relais.gateway.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.relais.gateway.Gateway;
import org.relais.gateway.alerts.AlertRecord;
import org.relais.gateway.alerts.AlertState;
import org.relais.gateway.metrics.Metrics;
import org.relais.gateway.subscribers.Channel;
import org.relais.gateway.subscribers.Consent;
import org.relais.gateway.subscribers.Subscriber;

/**
 * {@code relais bench alert}: a store of N subscribers spread over a square, an alert whose polygon
 * covers a share of it (10 % by default); prints the targeting time (a dry run, through the API),
 * the time to commit every recipient with its SMS, and the send rate against the configured TPS,
 * measured once the queue is full, against the local SMSC simulator.
 */
public final class AlertBench {

  private static final String ALERTER = "bench-alerter-token";

  private AlertBench() {}

  public static int run(List<String> args) throws Exception {
    List<String> rest = new ArrayList<>(args);
    int subscribers = BenchOptions.intOption(rest, "--subscribers", 1_000_000);
    double share = Double.parseDouble(BenchOptions.textOption(rest, "--share", "0.1"));
    int tps = BenchOptions.intOption(rest, "--tps", 1_000);
    int seconds = BenchOptions.intOption(rest, "--seconds", 20);
    PrintStream out = System.out;
    out.printf("relais bench alert: %,d subscribers, a polygon over %.0f %% of them, SMS at %,d TPS (one bind)%n",
        subscribers, share * 100, tps);
    out.println(BenchOptions.machine());
    Map<String, String> settings = Map.of("RELAIS_SMPP_WINDOW", "100", "RELAIS_SMPP_TPS", String.valueOf(tps),
        "RELAIS_API_TOKENS", ALERTER + ":alerter", "RELAIS_ALERTS_APPROVAL_THRESHOLD", String.valueOf(subscribers));
    try (BenchGateway bench = BenchGateway.start(settings)) {
      Gateway gateway = bench.gateway();
      long t0 = System.nanoTime();
      load(gateway, subscribers);
      out.printf("loaded %,d subscribers in %.1f s%n", subscribers, secondsSince(t0));
      // A square of side 1 degree holds everyone; the polygon is a band of it holding `share` of them.
      double top = 36.0 + share;
      String polygon = "36.0,10.0 36.0,11.0 " + top + ",11.0 " + top + ",10.0 36.0,10.0";
      HttpClient http = HttpClient.newHttpClient();
      long dry1 = System.nanoTime();
      JsonObject counted = post(http, gateway, alert("BENCH-0", polygon), "?dry_run=true");
      double firstDry = secondsSince(dry1);
      long dry2 = System.nanoTime();
      post(http, gateway, alert("BENCH-0", polygon), "?dry_run=true");
      double targeting = secondsSince(dry2);
      int recipients = counted.getJsonObject("recipients").getInteger("sms");
      out.printf("targeting (dry run through the API): %.2f s (first run %.2f s), %,d recipients%n", targeting,
          firstDry, recipients);

      Metrics.Counter outcomes = gateway.services().metrics().counter("relais_sms_submit_outcomes_total", "",
          "outcome");
      long post = System.nanoTime();
      JsonObject accepted = post(http, gateway, alert("BENCH-1", polygon), "");
      double accept = secondsSince(post);
      String id = accepted.getString("id");
      while (gateway.services().store().alerts().find(id).await(10, TimeUnit.SECONDS)
          .map(AlertRecord::state).orElse(null) != AlertState.SENDING) {
        Thread.sleep(5);
      }
      double enqueue = secondsSince(post);
      long sentAtEnqueue = (long) outcomes.get("submitted");
      out.printf("accepted (targeting + record) in %.2f s; %,d recipients and their SMS committed %.2f s after the"
          + " request (%,.0f rows/s), %,d already submitted by then%n", accept, recipients, enqueue,
          recipients / enqueue, sentAtEnqueue);

      Thread.sleep(2_000);
      long from = (long) outcomes.get("submitted");
      long start = System.nanoTime();
      Thread.sleep(seconds * 1000L);
      long sent = (long) outcomes.get("submitted") - from;
      double rate = sent / secondsSince(start);
      out.printf("send rate over %d s: %,.0f SMS/s for %,d TPS configured (%+.1f %%)%n", seconds, rate, tps,
          100.0 * (rate - tps) / tps);
      gateway.services().alerts().cancel(id).toCompletionStage().toCompletableFuture().get();
      return 0;
    }
  }

  private static void load(Gateway gateway, int n) throws Exception {
    Random random = new Random(1);
    String[] languages = {"fr", "ar", "en"};
    List<Subscriber> chunk = new ArrayList<>(10_000);
    for (int i = 0; i < n; i++) {
      chunk.add(new Subscriber("+2169" + (10_000_000 + i), languages[i % 3], List.of(),
          new Subscriber.Place(36.0 + random.nextDouble(), 10.0 + random.nextDouble()), EnumSet.of(Channel.SMS),
          Map.of(Consent.ALERTS, true), false, false, null));
      if (chunk.size() == 10_000 || i == n - 1) {
        gateway.services().store().subscribers().saveAll(chunk).toCompletionStage().toCompletableFuture().get();
        chunk = new ArrayList<>(10_000);
      }
    }
  }

  private static JsonObject alert(String identifier, String polygon) {
    JsonArray infos = new JsonArray();
    for (String l : new String[] {"fr", "ar", "en"}) {
      infos.add(new JsonObject().put("language", l).put("category", "Met").put("event", "flood")
          .put("urgency", "Immediate").put("severity", "Severe").put("certainty", "Observed")
          .put("headline", "Flood " + l).put("description", "Move to higher ground.")
          .put("area", new JsonObject().put("areaDesc", "band").put("polygon", polygon)));
    }
    return new JsonObject().put("identifier", identifier).put("sender", "bench@relais").put("sent",
        "2026-11-23T14:05:00+01:00").put("status", "Actual").put("msgType", "Alert").put("scope", "Public")
        .put("info", infos);
  }

  private static JsonObject post(HttpClient http, Gateway gateway, JsonObject cap, String query) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort()
            + "/api/v1/alerts" + query)).timeout(Duration.ofMinutes(2)).header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + ALERTER).POST(HttpRequest.BodyPublishers.ofString(cap.encode())).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() >= 300) {
      throw new IllegalStateException("POST /api/v1/alerts answered " + r.statusCode() + ": " + r.body());
    }
    return new JsonObject(r.body());
  }

  private static double secondsSince(long nanos) {
    return (System.nanoTime() - nanos) / 1e9;
  }
}
