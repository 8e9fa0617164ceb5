package org.relais.gateway.twoway;

import io.vertx.core.Future;
import java.util.Map;
import java.util.Optional;
import org.relais.gateway.cases.CaseService;
import org.relais.gateway.cases.Channel;
import org.relais.gateway.cases.NewCase;
import org.relais.gateway.metrics.Metrics;
import org.relais.gateway.sms.InboundMessage;
import org.relais.gateway.sms.InboundStore;
import org.relais.gateway.sms.NewMessage;
import org.relais.gateway.sms.OutboundDispatcher;
import org.relais.gateway.subscribers.PhoneNumbers;
import org.relais.gateway.subscribers.SubscriberStore;
import org.relais.gateway.templates.Templates;
import org.relais.sms.Priority;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts on a committed inbound text: a complaint keyword opens a case; anything else gets a short
 * help text. The text is marked processed once its outcome is committed, so a restart resumes
 * only what was not finished, and the case's source reference keeps it from being opened twice.
 */
public final class InboundProcessor {

  private static final Logger log = LoggerFactory.getLogger(InboundProcessor.class);

  private final KeywordRouter router;
  private final InboundStore inbound;
  private final SubscriberStore subscribers;
  private final CaseService cases;
  private final OutboundDispatcher sms;
  private final Templates templates;
  private final String defaultLanguage;
  private final Metrics.Counter intents;

  public InboundProcessor(KeywordRouter router, InboundStore inbound, SubscriberStore subscribers, CaseService cases,
      OutboundDispatcher sms, Templates templates, String defaultLanguage, Metrics metrics) {
    this.router = router;
    this.inbound = inbound;
    this.subscribers = subscribers;
    this.cases = cases;
    this.sms = sms;
    this.templates = templates;
    this.defaultLanguage = defaultLanguage;
    this.intents = metrics.counter("relais_sms_intents_total", "Inbound texts by what they asked", "intent");
  }

  /** Processes one text; never fails (a failure is logged and the text stays unprocessed for the next start). */
  public Future<Void> process(InboundMessage message) {
    Optional<KeywordRouter.Routed> routed = router.route(message.body());
    Future<String> outcome;
    if (routed.isPresent() && routed.get().intent().equals("complaint")) {
      outcome = complaint(message, routed.get());
    } else {
      intents.inc("unknown");
      outcome = languageOf(message, null).compose(language -> reply(message, "help", language, Map.of()))
          .map("help");
    }
    return outcome
        .compose(what -> inbound.processed(message.id(), what))
        .onFailure(e -> log.error("inbound {} from {}: not processed: {}", message.id(),
            PhoneNumbers.mask(message.source()), e.getMessage()))
        .otherwiseEmpty();
  }

  /** Processes every text left unprocessed by an earlier run. */
  public Future<Integer> resume() {
    return inbound.unprocessed(1000).compose(left -> {
      Future<?> chain = Future.succeededFuture();
      for (InboundMessage m : left) {
        chain = chain.compose(v -> process(m));
      }
      return chain.map(v -> left.size());
    });
  }

  private Future<String> complaint(InboundMessage message, KeywordRouter.Routed routed) {
    intents.inc("complaint");
    String language = routed.language();
    Future<Void> remembered = subscribers.rememberLanguage(message.source(), language);
    if (routed.rest().isBlank()) {
      return remembered.compose(v -> reply(message, "complaint_empty", language, Map.of())).map("complaint without text");
    }
    NewCase request = new NewCase(Channel.SMS, message.source(), language, null, routed.rest(), null, message.id(),
        message.receivedAt());
    return remembered.compose(v -> cases.open(request)).map(c -> "case " + c.trackingNumber());
  }

  private Future<String> languageOf(InboundMessage message, String fromKeyword) {
    if (fromKeyword != null) {
      return Future.succeededFuture(fromKeyword);
    }
    if (KeywordRouter.isArabic(message.body())) {
      return Future.succeededFuture("ar");
    }
    return subscribers.language(message.source()).map(known -> known.orElse(defaultLanguage));
  }

  private Future<Void> reply(InboundMessage to, String template, String language, Map<String, ?> values) {
    String text = templates.render(template, language, defaultLanguage, values);
    return sms.send(NewMessage.to(to.source(), text).language(language).priority(Priority.REPLY).reference(to.id())
        .build()).mapEmpty();
  }
}
