package org.relais.gateway.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.relais.gateway.notify.ConsumptionAlerts;
import org.relais.gateway.notify.ConsumptionReading;
import org.relais.gateway.subscribers.PhoneNumbers;

/**
 * {@code POST /api/v1/consumption}: a customer's consumption for a period beside the same period of
 * last year; an SMS when the rule of {@code notifications.consumption} says it is unusual, once
 * per account and period.
 */
final class ConsumptionApi {

  private static final double MAX_FIGURE = 1e12;

  private final ConsumptionAlerts alerts;

  ConsumptionApi(ConsumptionAlerts alerts) {
    this.alerts = alerts;
  }

  void report(RoutingContext ctx) {
    ConsumptionReading reading = parse(Json.body(ctx));
    alerts.report(reading).onSuccess(result -> {
      JsonObject body = new JsonObject()
          .put("account", reading.account())
          .put("period", reading.period())
          .put("ratio", result.ratio() == null ? null : Math.round(result.ratio() * 100) / 100.0)
          .put("alert", result.outcome() == ConsumptionAlerts.Outcome.SENT
              || result.outcome() == ConsumptionAlerts.Outcome.ALREADY_SENT
              || result.outcome() == ConsumptionAlerts.Outcome.OPTED_OUT)
          .put("outcome", result.outcome().label())
          .put("message_id", result.messageId())
          .put("held_quiet_hours", result.held());
      Json.send(ctx, result.outcome() == ConsumptionAlerts.Outcome.SENT ? 202 : 200, body);
    }).onFailure(ctx::fail);
  }

  private ConsumptionReading parse(JsonObject body) {
    String account = word(body, "account", 64, "[\\p{L}\\p{N}_./:-]+");
    String period = word(body, "period", 32, "[\\p{L}\\p{N}_./:-]+");
    String msisdn = PhoneNumbers.normalize(Json.text(body, "msisdn")).orElseThrow(() ->
        ApiError.invalid("msisdn", "msisdn must be a phone number such as +21620123456"));
    double current = figure(body, "current");
    double lastYear = figure(body, "same_period_last_year");
    String unit = Json.text(body, "unit");
    if (unit != null && (unit.length() > 16 || unit.contains("\n"))) {
      throw ApiError.invalid("unit", "unit must be at most 16 characters, such as m³ or kWh");
    }
    String language = Json.text(body, "language");
    if (language != null && !alerts.kind().hasLanguage(language)) {
      throw ApiError.invalid("language", "no consumption text in " + language + "; expected one of "
          + alerts.kind().texts().keySet().stream().sorted().toList());
    }
    return new ConsumptionReading(account, period, msisdn, current, lastYear, unit, language);
  }

  private static String word(JsonObject body, String field, int max, String pattern) {
    String value = Json.text(body, field);
    if (value == null || value.isBlank()) {
      throw ApiError.invalid(field, field + " is required");
    }
    if (value.length() > max || !value.matches(pattern)) {
      throw ApiError.invalid(field, field + " must be at most " + max + " letters, digits or _ . / : -");
    }
    return value;
  }

  private static double figure(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (!(v instanceof Number n)) {
      throw ApiError.invalid(field, field + " must be a number");
    }
    double d = n.doubleValue();
    if (!(d >= 0 && d < MAX_FIGURE)) {
      throw ApiError.invalid(field, field + " must be a number from 0");
    }
    return d;
  }
}
