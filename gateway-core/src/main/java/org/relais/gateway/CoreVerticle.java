package org.relais.gateway;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.relais.gateway.alerts.AlertService;
import org.relais.gateway.alerts.AlertTargeting;
import org.relais.gateway.alerts.AlertTexts;
import org.relais.gateway.cases.CaseFollowUp;
import org.relais.gateway.cases.CaseService;
import org.relais.gateway.config.RelaisConfig;
import org.relais.gateway.config.SmppConfig;
import org.relais.gateway.handoff.CoreClient;
import org.relais.gateway.handoff.HandoffWorker;
import org.relais.gateway.handoff.Open311Client;
import org.relais.gateway.handoff.Open311Poller;
import org.relais.gateway.handoff.RelaisJsonClient;
import org.relais.gateway.indicators.IndicatorGauges;
import org.relais.gateway.metrics.Metrics;
import org.relais.gateway.sms.InboundSink;
import org.relais.gateway.sms.OutboundDispatcher;
import org.relais.gateway.sms.SmppMetrics;
import org.relais.gateway.store.Store;
import org.relais.gateway.subscribers.OptOuts;
import org.relais.gateway.templates.Templates;
import org.relais.gateway.twoway.InboundProcessor;
import org.relais.sms.smpp.SmsConnector;

/**
 * Hosts SMS, cases and the hand-off on one context: it starts the SMS connector, then resumes
 * what an earlier run left (queued messages, parts of texts, unprocessed texts, unacknowledged
 * cases); alerts cut during their fan-out resume once the telephony is up ({@link #resumeAlerts}).
 */
final class CoreVerticle extends VerticleBase {

  private final RelaisConfig config;
  private final Store store;
  private final Templates templates;
  private final Metrics metrics;
  private Services services;
  private SmsConnector connector;
  private OutboundDispatcher sms;
  private InboundSink sink;
  private HandoffWorker handoff;
  private Open311Poller poller;

  CoreVerticle(RelaisConfig config, Store store, Templates templates, Metrics metrics) {
    this.config = config;
    this.store = store;
    this.templates = templates;
    this.metrics = metrics;
  }

  Services services() {
    return services;
  }

  @Override
  public Future<?> start() {
    String language = config.sms().defaultLanguage();
    SmppConfig smpp = config.smpp();
    Open311Client open311 = config.core().isOpen311() ? new Open311Client(vertx, config.core(), config.cases()) : null;
    CoreClient core = open311 != null ? open311 : new RelaisJsonClient(vertx, config.core());
    handoff = new HandoffWorker(vertx, store.cases(), core, config.core(), metrics);
    InboundProcessor[] processor = new InboundProcessor[1];
    sink = new InboundSink(context, store.inbound(), store.messages(), smpp.moDedupeWindow(),
        smpp.moReassemblyTimeout(), m -> processor[0].process(m), metrics);
    connector = new SmsConnector(smpp.binds(), smpp.routes(), sink);
    sms = new OutboundDispatcher(vertx, store.messages(), connector, smpp.maxInFlight(), metrics);
    CaseService cases = new CaseService(store.cases(), handoff, sms, templates, config.cases(), language, metrics);
    OptOuts optOuts = new OptOuts(store.subscribers());
    CaseFollowUp followUp = new CaseFollowUp(store.cases(), sms, optOuts, templates, config.cases(), language, metrics);
    processor[0] = new InboundProcessor(config, context, store.inbound(), store.subscribers(), optOuts, cases,
        store.cases(), followUp, sms, templates, metrics);
    AlertTexts alertTexts = new AlertTexts(config.alerts().languageFallback(), config.alerts().smsMaxChars());
    AlertService alerts = new AlertService(config.alerts(), store.alerts(),
        new AlertTargeting(store.subscribers(), alertTexts), alertTexts, sms, metrics);
    services = new Services(config, store, connector, sms, handoff, cases, followUp, optOuts, templates, metrics,
        new AtomicInteger(), alerts);
    SmppMetrics.register(metrics, connector);
    storeMetrics();
    if (open311 != null) {
      poller = new Open311Poller(vertx, open311, store.cases(), followUp, store.cursors(), config.core());
    }
    return optOuts.load().compose(loaded -> {
      connector.start();
      handoff.start();
      sink.startSweeping(vertx);
      followUp.startSlaChecks(vertx);
      new IndicatorGauges(store.indicators(), metrics).start(vertx);
      if (poller != null) {
        poller.start();
      }
      return sms.resume();
    })
        .compose(v -> sink.sweep())
        .compose(v -> processor[0].resume())
        .compose(v -> cases.resumeAcknowledgements());
  }

  /**
   * Resumes the alerts a stop cut during their fan-out, on this context; called once the voice
   * fan-out is attached (or known absent), so that the calls are not dropped for want of it.
   */
  Future<Integer> resumeAlerts() {
    Promise<Integer> resumed = Promise.promise();
    context.runOnContext(v -> services.alerts().resume().onComplete(resumed));
    return resumed.future();
  }

  private void storeMetrics() {
    metrics.counter("relais_store_commits_total", "Store transactions committed since start", List.of(),
        () -> List.of(Metrics.Sample.of(store.health().commits())));
    metrics.counter("relais_store_writes_total", "Store writes committed since start", List.of(),
        () -> List.of(Metrics.Sample.of(store.health().writes())));
    metrics.counter("relais_store_syncs_total", "Syncs of the WAL file that made commits durable since start",
        List.of(), () -> List.of(Metrics.Sample.of(store.health().syncs())));
  }

  @Override
  public Future<?> stop() {
    sms.stop();
    sink.stopSweeping(vertx);
    handoff.stop();
    if (poller != null) {
      poller.stop();
    }
    return vertx.executeBlocking(() -> {
      connector.stop(Duration.ofSeconds(10));
      return null;
    }, false);
  }
}
