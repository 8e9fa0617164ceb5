package org.relais.gateway.notify;

import io.vertx.core.Future;
import java.util.Map;
import org.relais.gateway.config.NotificationsConfig.ConsumptionConfig;
import org.relais.gateway.metrics.Metrics;
import org.relais.gateway.sms.NewMessage;
import org.relais.gateway.sms.OutboundDispatcher;
import org.relais.gateway.subscribers.Consent;
import org.relais.gateway.subscribers.OptOuts;
import org.relais.gateway.subscribers.SubscriberStore;
import org.relais.sms.Priority;

/**
 * The unusual-consumption rule: a customer whose consumption for a period is at least
 * {@code ratio} times the same period of last year, and at least {@code floor}, is told by SMS,
 * both figures written in their language; at most once per account and period, however often
 * the billing system reports it. The text waits for the end of the category's quiet hours.
 */
public final class ConsumptionAlerts {

  /** What became of a reading. */
  public enum Outcome {
    /** The alert was queued now. */
    SENT,
    /** This account and period already had its alert: nothing more is sent. */
    ALREADY_SENT,
    /** Not unusual: below the ratio. */
    BELOW_RATIO,
    /** Not unusual enough to tell: below the floor. */
    BELOW_FLOOR,
    /** No figure for last year to compare with. */
    NO_REFERENCE,
    /** Unusual, but the number sent STOP. */
    OPTED_OUT;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The outcome, the ratio (null without reference) and the message queued now or earlier. */
  public record Result(Outcome outcome, Double ratio, String messageId, boolean held) {}

  private final ConsumptionStore store;
  private final SubscriberStore subscribers;
  private final OptOuts optOuts;
  private final OutboundDispatcher sms;
  private final NotificationTemplates.Kind kind;
  private final ConsumptionConfig rule;
  private final QuietPolicy quiet;
  private final String defaultLanguage;
  private final Metrics.Counter outcomes;

  ConsumptionAlerts(ConsumptionStore store, SubscriberStore subscribers, OptOuts optOuts, OutboundDispatcher sms,
      NotificationTemplates.Kind kind, ConsumptionConfig rule, QuietPolicy quiet, String defaultLanguage,
      Metrics metrics) {
    this.store = store;
    this.subscribers = subscribers;
    this.optOuts = optOuts;
    this.sms = sms;
    this.kind = kind;
    this.rule = rule;
    this.quiet = quiet;
    this.defaultLanguage = defaultLanguage;
    this.outcomes = metrics.counter("relais_consumption_reports_total", "Consumption readings by outcome", "outcome");
  }

  /** The kind of notification the alert is written with. */
  public NotificationTemplates.Kind kind() {
    return kind;
  }

  public Future<Result> report(ConsumptionReading reading) {
    if (reading.lastYear() <= 0) {
      return done(new Result(Outcome.NO_REFERENCE, null, null, false));
    }
    double ratio = reading.current() / reading.lastYear();
    if (ratio < rule.ratio()) {
      return done(new Result(Outcome.BELOW_RATIO, ratio, null, false));
    }
    if (reading.current() < rule.floor()) {
      return done(new Result(Outcome.BELOW_FLOOR, ratio, null, false));
    }
    if (optOuts.refuses(reading.msisdn(), Consent.BILLS)) {
      return done(new Result(Outcome.OPTED_OUT, ratio, null, false));
    }
    Future<String> language = reading.language() != null ? Future.succeededFuture(reading.language())
        : subscribers.language(reading.msisdn()).map(known -> known.filter(kind::hasLanguage).orElse(defaultLanguage));
    return language.compose(lang -> {
      String text = kind.text(lang, defaultLanguage).render(values(reading, lang)::get).replaceAll(" {2,}", " ");
      NewMessage message = NewMessage.to(reading.msisdn(), text).language(lang).priority(Priority.NORMAL)
          .parts(Math.max(1, sms.partsFor(reading.msisdn(), text, false)))
          .reference(reading.account() + "/" + reading.period()).build();
      boolean held = quiet.holds(kind.category(), Priority.NORMAL);
      return store.record(reading, message, kind.category(), held).map(recorded -> {
        if (recorded.created() && !held) {
          sms.wake();
        }
        return new Result(recorded.created() ? Outcome.SENT : Outcome.ALREADY_SENT, ratio, recorded.messageId(),
            recorded.created() && held);
      });
    }).andThen(ar -> {
      if (ar.succeeded()) {
        outcomes.inc(ar.result().outcome().label());
      }
    });
  }

  private Future<Result> done(Result result) {
    outcomes.inc(result.outcome().label());
    return Future.succeededFuture(result);
  }

  /** The variables a consumption alert's text may use. */
  static final java.util.Set<String> VARIABLES = java.util.Set.of("account", "period", "current", "last_year", "unit");

  private static Map<String, String> values(ConsumptionReading r, String language) {
    return Map.of("account", r.account(), "period", r.period(), "current", Figures.format(r.current(), language),
        "last_year", Figures.format(r.lastYear(), language), "unit", r.unit() == null ? "" : r.unit());
  }
}
