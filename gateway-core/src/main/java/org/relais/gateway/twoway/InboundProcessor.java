package org.relais.gateway.twoway;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.relais.gateway.cases.CaseFollowUp;
import org.relais.gateway.cases.CaseService;
import org.relais.gateway.cases.CaseStore;
import org.relais.gateway.config.RelaisConfig;
import org.relais.gateway.metrics.Metrics;
import org.relais.gateway.sms.InboundMessage;
import org.relais.gateway.sms.InboundStore;
import org.relais.gateway.sms.OutboundDispatcher;
import org.relais.gateway.subscribers.OptOuts;
import org.relais.gateway.subscribers.PhoneNumbers;
import org.relais.gateway.subscribers.SubscriberStore;
import org.relais.gateway.templates.Templates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts on a committed inbound text: the answer to a question Relais asked, else the intent its
 * first word names (complaint, status, subscription, STOP, START, help), else the configured
 * default. The reply goes in the keyword's language (or the script's, or the one remembered for
 * the number). The text is marked processed once its outcome is committed, so a restart resumes
 * only what was not finished.
 */
public final class InboundProcessor {

  private static final Logger log = LoggerFactory.getLogger(InboundProcessor.class);

  private final KeywordRouter router;
  private final InboundStore inbound;
  private final SubscriberStore subscribers;
  private final Categories categories;
  private final ComplaintConversation conversation;
  private final ComplaintIntent complaints;
  private final Map<Intent, IntentHandler> handlers = new EnumMap<>(Intent.class);
  private final Intent unknownText;
  private final String defaultLanguage;
  private final Metrics.Counter intents;
  private final java.time.Instant started = java.time.Instant.now();

  public InboundProcessor(RelaisConfig config, Context context, InboundStore inbound, SubscriberStore subscribers,
      OptOuts optOuts, CaseService cases, CaseStore caseStore, CaseFollowUp followUp, OutboundDispatcher sms,
      Templates templates, Metrics metrics) {
    this.router = new KeywordRouter(config.sms().keywords());
    this.inbound = inbound;
    this.subscribers = subscribers;
    this.defaultLanguage = config.sms().defaultLanguage();
    this.categories = new Categories(config.cases().categories());
    this.conversation = new ComplaintConversation(config.sms().conversationTimeout(), context, this::openUnanswered);
    Replies replies = new Replies(sms, templates, defaultLanguage);
    this.complaints = new ComplaintIntent(cases, categories, conversation, replies);
    handlers.put(Intent.COMPLAINT, complaints);
    handlers.put(Intent.STATUS, new StatusIntent(caseStore, followUp, replies));
    handlers.put(Intent.SUBSCRIBE, new SubscribeIntent(subscribers, optOuts, config.sms().zones(), replies));
    handlers.put(Intent.STOP, new ConsentIntent(optOuts, replies, true));
    handlers.put(Intent.START, new ConsentIntent(optOuts, replies, false));
    handlers.put(Intent.HELP, text -> replies.send(text.message(), "help", text.language(), Map.of()).map("help"));
    this.unknownText = config.sms().unknownText().equals("complaint") ? Intent.COMPLAINT : Intent.HELP;
    this.intents = metrics.counter("relais_sms_intents_total", "Inbound texts by what they asked", "intent");
  }

  /** Processes one text; never fails (a failure is logged and the text stays unprocessed for the next start). */
  public Future<Void> process(InboundMessage message) {
    Optional<TextContext> waiting = conversation.take(message.source());
    Future<String> outcome;
    if (waiting.isPresent()) {
      Optional<Optional<String>> answer = categories.answer(message.body());
      if (answer.isPresent()) {
        intents.inc("category_answer");
        TextContext complaint = waiting.get();
        outcome = complaints.open(complaint.message(), complaint.language(), answer.get().orElse(null), complaint.rest())
            .compose(what -> inbound.processed(complaint.message().id(), what))
            .map("category of " + complaint.message().id());
      } else {
        outcome = openUnanswered(waiting.get()).compose(v -> route(message));
      }
    } else {
      outcome = route(message);
    }
    return outcome
        .compose(what -> what.equals(IntentHandler.AWAITING_ANSWER)
            ? inbound.awaitingAnswer(message.id())
            : inbound.processed(message.id(), what))
        .onFailure(e -> log.error("inbound {} from {}: not processed: {}", message.id(),
            PhoneNumbers.mask(message.source()), e.toString()))
        .otherwiseEmpty();
  }

  private Future<String> route(InboundMessage message) {
    Optional<KeywordRouter.Routed> routed = router.route(message.body());
    Intent intent = routed.map(KeywordRouter.Routed::intent).orElse(unknownText);
    String rest = routed.map(KeywordRouter.Routed::rest).orElse(message.body().strip());
    intents.inc(routed.isPresent() ? intent.name().toLowerCase() : "unknown");
    return language(message, routed.map(KeywordRouter.Routed::languages).orElse(List.of()))
        .compose(language -> handlers.get(intent).handle(new TextContext(message, language, rest)));
  }

  /**
   * The reply's language: the keyword's (when it belongs to several, the one remembered among
   * them), else Arabic for a text in Arabic script, else the one remembered, else the default.
   * A language learnt from a keyword or the script is remembered for the number.
   */
  private Future<String> language(InboundMessage message, List<String> keywordLanguages) {
    return subscribers.language(message.source()).compose(remembered -> {
      String chosen;
      if (keywordLanguages.size() == 1) {
        chosen = keywordLanguages.getFirst();
      } else if (!keywordLanguages.isEmpty()) {
        chosen = remembered.filter(keywordLanguages::contains).orElse(keywordLanguages.getFirst());
      } else if (KeywordRouter.isArabic(message.body())) {
        chosen = "ar";
      } else {
        return Future.succeededFuture(remembered.orElse(defaultLanguage));
      }
      return remembered.equals(Optional.of(chosen))
          ? Future.succeededFuture(chosen)
          : subscribers.rememberLanguage(message.source(), chosen).map(chosen);
    });
  }

  /** Opens a complaint whose category never came, without one. */
  private Future<Void> openUnanswered(TextContext complaint) {
    intents.inc("category_unanswered");
    return complaints.open(complaint.message(), complaint.language(), null, complaint.rest())
        .compose(what -> inbound.processed(complaint.message().id(), what))
        .onFailure(e -> log.error("complaint {} without category: not opened: {}", complaint.message().id(),
            e.toString()));
  }

  /**
   * Processes what an earlier run left, page by page however much it is: complaints still waiting
   * for their category (opened without it), then texts not processed.
   */
  public Future<Integer> resume() {
    return resumePages(inbound::awaitingAnswer, m -> language(m, router.route(m.body())
            .map(KeywordRouter.Routed::languages).orElse(List.of()))
        .compose(language -> openUnanswered(new TextContext(m, language,
            router.route(m.body()).map(KeywordRouter.Routed::rest).orElse(m.body().strip())))), null, 0)
        .compose(opened -> resumePages(inbound::unprocessed, this::process, null, opened));
  }

  private static final int RESUME_PAGE = 500;

  private Future<Integer> resumePages(java.util.function.BiFunction<InboundMessage, Integer,
      Future<List<InboundMessage>>> page, java.util.function.Function<InboundMessage, Future<?>> each,
      InboundMessage after, int done) {
    return page.apply(after, RESUME_PAGE).compose(left -> {
      // Texts received since this run started are being processed as they came: not twice.
      List<InboundMessage> earlier = left.stream().filter(m -> m.receivedAt().isBefore(started)).toList();
      Future<?> chain = Future.succeededFuture();
      for (InboundMessage m : earlier) {
        chain = chain.compose(v -> each.apply(m).otherwiseEmpty());
      }
      return chain.compose(v -> left.size() < RESUME_PAGE || earlier.size() < left.size()
          ? Future.succeededFuture(done + earlier.size())
          : resumePages(page, each, left.getLast(), done + earlier.size()));
    });
  }

}
