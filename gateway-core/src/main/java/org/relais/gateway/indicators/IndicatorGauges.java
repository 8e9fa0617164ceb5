package org.relais.gateway.indicators;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.relais.gateway.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The indicators as Prometheus gauges, over the last 30 days. A scrape reads the last figures and
 * never waits for the store; it asks for fresh ones when they are more than a few seconds old, and
 * they are refreshed every minute anyway.
 */
public final class IndicatorGauges {

  private static final Logger log = LoggerFactory.getLogger(IndicatorGauges.class);
  static final Duration WINDOW = Duration.ofDays(30);
  private static final long REFRESH_MS = 60_000;

  private final IndicatorStore store;
  private static final long STALE_MS = 5_000;
  private volatile Indicators last;
  private volatile long refreshedAt;

  public IndicatorGauges(IndicatorStore store, Metrics metrics) {
    this.store = store;
    String window = " (cases received in the last 30 days)";
    metrics.gauge("relais_indicator_cases", "Cases by channel" + window, List.of("channel"),
        () -> samples(i -> i.byChannel()));
    metrics.gauge("relais_indicator_cases_by_category", "Cases by category" + window, List.of("category"),
        () -> samples(i -> i.byCategory()));
    metrics.gauge("relais_indicator_cases_by_status", "Cases by current status" + window, List.of("status"),
        () -> samples(i -> i.byStatus()));
    metrics.gauge("relais_indicator_ack_median_seconds", "Median time from receipt to acknowledgement" + window,
        List.of(), () -> seconds(current() == null ? null : last.medianAcknowledgement()));
    metrics.gauge("relais_indicator_first_status_median_seconds",
        "Median time from receipt to the first status change" + window, List.of(),
        () -> seconds(current() == null ? null : last.medianFirstStatus()));
    metrics.gauge("relais_indicator_answered_in_time_ratio",
        "Share of due cases answered within the announced delay" + window, List.of(),
        () -> current() == null || last.answeredInTimeShare() == null ? List.of()
            : List.of(Metrics.Sample.of(last.answeredInTimeShare())));
    metrics.gauge("relais_indicator_calls", "IVR calls by outcome (calls of the last 30 days)", List.of("outcome"),
        () -> samples(i -> i.callsByOutcome()));
  }

  /** Reads the figures now, then every minute. */
  public void start(Vertx vertx) {
    refresh();
    vertx.setPeriodic(REFRESH_MS, t -> refresh());
  }

  public void refresh() {
    Instant now = Instant.now();
    refreshedAt = now.toEpochMilli();
    store.indicators(now.minus(WINDOW), now, now)
        .onSuccess(i -> last = i)
        .onFailure(e -> log.warn("indicators: {}", e.getMessage()));
  }

  private Indicators current() {
    if (System.currentTimeMillis() - refreshedAt > STALE_MS) {
      refresh();
    }
    return last;
  }

  private List<Metrics.Sample> samples(java.util.function.Function<Indicators, Map<String, Long>> pick) {
    Indicators i = current();
    List<Metrics.Sample> out = new ArrayList<>();
    if (i != null) {
      pick.apply(i).forEach((label, n) -> out.add(Metrics.Sample.of(n, label)));
    }
    return out;
  }

  private static List<Metrics.Sample> seconds(Duration d) {
    return d == null ? List.of() : List.of(Metrics.Sample.of(d.toMillis() / 1000.0));
  }
}
