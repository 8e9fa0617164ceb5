package org.relais.gateway.cases;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.relais.gateway.config.CasesConfig;
import org.relais.gateway.metrics.Metrics;
import org.relais.gateway.sms.NewMessage;
import org.relais.gateway.sms.OutboundDispatcher;
import org.relais.gateway.subscribers.Consent;
import org.relais.gateway.subscribers.OptOuts;
import org.relais.gateway.subscribers.PhoneNumbers;
import org.relais.gateway.templates.Templates;
import org.relais.sms.Priority;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What follows a case once it is open: each status the core reports is recorded and, when it
 * changed, told to the citizen by SMS in their language; the announced response date is watched
 * and a case past it without an answer raises an SLA-breach event (metric and log).
 */
public final class CaseFollowUp {

  private static final Logger log = LoggerFactory.getLogger(CaseFollowUp.class);
  private static final int MAX_NOTE = 200;
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy").withZone(ZoneId.systemDefault());

  /** What became of a reported status. */
  public record Outcome(CaseRecord record, boolean changed, String notifiedMessageId) {}

  private final CaseStore cases;
  private final OutboundDispatcher sms;
  private final OptOuts optOuts;
  private final Templates templates;
  private final CasesConfig config;
  private final String defaultLanguage;
  private final Metrics.Counter statusChanges;
  private final Metrics.Counter notifications;
  private final Metrics.Counter breaches;

  public CaseFollowUp(CaseStore cases, OutboundDispatcher sms, OptOuts optOuts, Templates templates, CasesConfig config,
      String defaultLanguage, Metrics metrics) {
    this.cases = cases;
    this.sms = sms;
    this.optOuts = optOuts;
    this.templates = templates;
    this.config = config;
    this.defaultLanguage = defaultLanguage;
    this.statusChanges = metrics.counter("relais_case_status_changes_total", "Status changes reported by the core",
        "status");
    this.notifications = metrics.counter("relais_case_notifications_total",
        "Status changes told to citizens, by outcome", "outcome");
    this.breaches = metrics.counter("relais_cases_sla_breached_total",
        "Cases whose announced response date passed without an answer");
  }

  /**
   * Records a status reported for the case named by {@code reference} (Relais's tracking number,
   * the core's, or the core's case id); empty when no case has that reference.
   */
  public Future<Optional<Outcome>> report(String reference, CaseStore.StatusReport report) {
    return cases.findByReference(reference).compose(found -> found.isEmpty()
        ? Future.succeededFuture(Optional.empty())
        : report(found.get(), report).map(Optional::of));
  }

  public Future<Outcome> report(CaseRecord record, CaseStore.StatusReport report) {
    String status = report.status().trim().toLowerCase(Locale.ROOT);
    CaseStore.StatusReport normalised = new CaseStore.StatusReport(status, report.note(), report.at(), report.source());
    boolean answers = config.answeredStatuses().contains(status);
    return cases.statusChanged(record.id(), normalised, answers).compose(entry -> {
      if (entry.isEmpty()) {
        notifications.inc("unchanged");
        return cases.find(record.id()).map(c -> new Outcome(c.orElse(record), false, null));
      }
      statusChanges.inc(status);
      return notify(record, entry.get())
          .compose(messageId -> cases.find(record.id()).map(c -> new Outcome(c.orElse(record), true, messageId)));
    });
  }

  private Future<String> notify(CaseRecord record, StatusEntry entry) {
    String msisdn = record.request().msisdn();
    if (msisdn == null || msisdn.isBlank()) {
      notifications.inc("no_number");
      return Future.succeededFuture(null);
    }
    if (optOuts.refuses(msisdn, Consent.CASE_STATUS)) {
      notifications.inc("opted_out");
      log.info("case {}: status {} not sent, {} opted out or refused news of cases", record.trackingNumber(),
          entry.status(), PhoneNumbers.mask(msisdn));
      return Future.succeededFuture(null);
    }
    String language = record.request().language();
    String note = entry.note() == null ? "" : entry.note().strip();
    if (note.length() > MAX_NOTE) {
      note = note.substring(0, MAX_NOTE - 1) + "…";
    }
    String text = templates.render("status_update", language, defaultLanguage, Map.of(
        "tracking", record.citizenReference(), "status", label(entry.status(), language), "note", note)).strip();
    return sms.send(NewMessage.to(msisdn, text).language(language).priority(Priority.NORMAL).reference(record.id())
            .build())
        .compose(message -> cases.notified(record.id(), entry, message.id()).map(message.id()))
        .onSuccess(id -> notifications.inc("sent"));
  }

  /** A status in words in {@code language}, or as the core wrote it when there is no name for it. */
  public String label(String status, String language) {
    String key = "status_" + status.replaceAll("[^a-z0-9]+", "_");
    return templates.has(key) ? templates.render(key, language, defaultLanguage, Map.of()) : status;
  }

  /** A date as citizens read it. */
  public static String date(Instant at) {
    return DATE.format(at);
  }

  /** Checks announced response dates every {@code cases.sla_check}. */
  public long startSlaChecks(Vertx vertx) {
    return vertx.setPeriodic(config.slaCheck().toMillis(), t -> checkSla());
  }

  /** Flags every case past its announced date without an answer; completes with their number. */
  public Future<Integer> checkSla() {
    Instant now = Instant.now();
    return cases.overdue(now, 500).compose(overdue -> {
      Future<?> chain = Future.succeededFuture();
      for (CaseRecord c : overdue) {
        chain = chain.compose(v -> cases.slaBreached(c.id(), now).onSuccess(x -> {
          breaches.inc();
          log.warn("case {} ({}): announced response date {} passed without an answer", c.trackingNumber(),
              c.request().category() == null ? "no category" : c.request().category(), c.expectedResponse());
        }));
      }
      return chain.map(v -> overdue.size());
    });
  }
}
