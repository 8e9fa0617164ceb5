package org.relais.gateway.cases;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.relais.gateway.config.CasesConfig;
import org.relais.gateway.handoff.HandoffWorker;
import org.relais.gateway.metrics.Metrics;
import org.relais.gateway.sms.NewMessage;
import org.relais.gateway.sms.OutboundDispatcher;
import org.relais.gateway.templates.Templates;
import org.relais.sms.Priority;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens cases and acknowledges them: the case is committed with its outbox entry, handed to the
 * core at once, and the citizen gets an SMS with the tracking number and the announced delay, from
 * the core's answer when it comes within {@code cases.ack_wait}, else from Relais's own.
 */
public final class CaseService {

  private static final Logger log = LoggerFactory.getLogger(CaseService.class);

  private final CaseStore cases;
  private final HandoffWorker handoff;
  private final OutboundDispatcher sms;
  private final Templates templates;
  private final CasesConfig config;
  private final String defaultLanguage;
  private final Metrics.Counter opened;

  public CaseService(CaseStore cases, HandoffWorker handoff, OutboundDispatcher sms, Templates templates,
      CasesConfig config, String defaultLanguage, Metrics metrics) {
    this.cases = cases;
    this.handoff = handoff;
    this.sms = sms;
    this.templates = templates;
    this.config = config;
    this.defaultLanguage = defaultLanguage;
    this.opened = metrics.counter("relais_cases_opened_total", "Cases opened by channel", "channel");
  }

  /** Creates the case (once per source), hands it over and acknowledges it; completes with the case. */
  public Future<CaseRecord> open(NewCase request) {
    Instant announced = request.receivedAt().plus(config.delayFor(request.category()));
    return cases.create(request, config.trackingDigits(), announced)
        .compose(created -> {
          if (created.ackMessageId() != null) {
            return Future.succeededFuture(created);
          }
          opened.inc(request.channel().label());
          return handoff.attemptNow(created)
              .timeout(Math.max(1, config.ackWait().toMillis()), TimeUnit.MILLISECONDS)
              .otherwise(created)
              .compose(this::acknowledge);
        });
  }

  /** Sends the acknowledgement of every case that has none yet (after a restart). */
  public Future<Integer> resumeAcknowledgements() {
    return cases.awaitingAck(1000).compose(waiting -> {
      Future<?> chain = Future.succeededFuture();
      for (CaseRecord c : waiting) {
        chain = chain.compose(v -> acknowledge(c));
      }
      return chain.map(v -> waiting.size());
    });
  }

  private Future<CaseRecord> acknowledge(CaseRecord c) {
    String msisdn = c.request().msisdn();
    if (msisdn == null || msisdn.isBlank()) {
      return Future.succeededFuture(c);
    }
    String language = c.request().language();
    String text = templates.render("complaint_ack", language, defaultLanguage, Map.of(
        "tracking", c.citizenReference(),
        "delay", templates.delay(announcedDelay(c), language, defaultLanguage)));
    return sms.send(NewMessage.to(msisdn, text).language(language).priority(Priority.REPLY).reference(c.id()).build())
        .compose(message -> cases.acknowledged(c.id(), message.id()))
        .compose(v -> cases.find(c.id()))
        .map(found -> found.orElse(c))
        .onFailure(e -> log.error("case {}: acknowledgement not queued: {}", c.trackingNumber(), e.getMessage()));
  }

  /** The time left until the announced response date (the core's, else the category's), never less than an hour. */
  Duration announcedDelay(CaseRecord c) {
    if (c.expectedResponse() != null) {
      Duration left = Duration.between(Instant.now(), c.expectedResponse());
      return left.compareTo(Duration.ofHours(1)) < 0 ? Duration.ofHours(1) : left;
    }
    return config.delayFor(c.request().category());
  }
}
