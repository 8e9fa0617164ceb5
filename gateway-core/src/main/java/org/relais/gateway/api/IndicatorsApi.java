package org.relais.gateway.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.relais.gateway.indicators.IndicatorStore;
import org.relais.gateway.indicators.Indicators;

/**
 * {@code GET /api/v1/indicators?from=&to=}: the service's figures for the cases received in the
 * period. {@code from} and {@code to} are dates (to included) or ISO 8601 date-times (to
 * excluded); by default the last 30 days.
 */
final class IndicatorsApi {

  private static final Duration DEFAULT = Duration.ofDays(30);
  private static final Duration LONGEST = Duration.ofDays(3660);

  private final IndicatorStore store;
  private final ZoneId zone;

  IndicatorsApi(IndicatorStore store, ZoneId zone) {
    this.store = store;
    this.zone = zone;
  }

  void get(RoutingContext ctx) {
    Instant now = Instant.now();
    Instant to = bound(ctx.queryParams().get("to"), "to", true);
    to = to == null ? now : to;
    Instant from = bound(ctx.queryParams().get("from"), "from", false);
    from = from == null ? to.minus(DEFAULT) : from;
    if (!from.isBefore(to)) {
      throw ApiError.invalid("from", "from must come before to");
    }
    if (Duration.between(from, to).compareTo(LONGEST) > 0) {
      throw ApiError.invalid("from", "the period is at most ten years");
    }
    store.indicators(from, to, now).onSuccess(i -> Json.send(ctx, 200, json(i))).onFailure(ctx::fail);
  }

  private Instant bound(String text, String field, boolean end) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      if (text.length() == 10) {
        LocalDate day = LocalDate.parse(text);
        return (end ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
      }
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiError.invalid(field, field + " must be a date (2026-11-01) or a date-time (2026-11-01T08:00:00Z)");
    }
  }

  static JsonObject json(Indicators i) {
    return new JsonObject()
        .put("from", i.from().toString())
        .put("to", i.to().toString())
        .put("cases", new JsonObject()
            .put("total", i.cases())
            .put("by_channel", map(i.byChannel()))
            .put("by_category", map(i.byCategory()))
            .put("by_status", map(i.byStatus())))
        .put("acknowledgement", new JsonObject()
            .put("count", i.acknowledged())
            .put("median_seconds", seconds(i.medianAcknowledgement())))
        .put("first_status_change", new JsonObject()
            .put("count", i.withStatus())
            .put("median_seconds", seconds(i.medianFirstStatus())))
        .put("announced_delay", new JsonObject()
            .put("due", i.due())
            .put("answered_in_time", i.answeredInTime())
            .put("share", i.answeredInTimeShare())
            .put("breaches", i.slaBreaches()))
        .put("calls", map(i.callsByOutcome()));
  }

  private static JsonObject map(Map<String, Long> counts) {
    JsonObject o = new JsonObject();
    counts.forEach(o::put);
    return o;
  }

  private static Double seconds(Duration d) {
    return d == null ? null : d.toMillis() / 1000.0;
  }
}
