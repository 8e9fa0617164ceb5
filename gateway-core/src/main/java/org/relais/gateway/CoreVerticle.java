package org.relais.gateway;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.relais.gateway.cases.CaseService;
import org.relais.gateway.config.ConfigException;
import org.relais.gateway.config.RelaisConfig;
import org.relais.gateway.config.SmppConfig;
import org.relais.gateway.handoff.HandoffWorker;
import org.relais.gateway.handoff.RelaisJsonClient;
import org.relais.gateway.metrics.Metrics;
import org.relais.gateway.sms.InboundSink;
import org.relais.gateway.sms.OutboundDispatcher;
import org.relais.gateway.sms.SmppMetrics;
import org.relais.gateway.store.Store;
import org.relais.gateway.templates.Templates;
import org.relais.gateway.twoway.InboundProcessor;
import org.relais.gateway.twoway.KeywordRouter;
import org.relais.sms.smpp.SmsConnector;

/**
 * Hosts SMS, cases and the hand-off on one context: it starts the SMS connector, then resumes
 * what an earlier run left (queued messages, unprocessed texts, unacknowledged cases).
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
    if (!config.core().protocol().equals("relais-json")) {
      return Future.failedFuture(ConfigException.general("core.protocol",
          "core.protocol = \"" + config.core().protocol() + "\": only relais-json is implemented in this version"));
    }
    String language = config.sms().defaultLanguage();
    SmppConfig smpp = config.smpp();
    handoff = new HandoffWorker(vertx, store.cases(), new RelaisJsonClient(vertx, config.core()), config.core(), metrics);
    InboundProcessor[] processor = new InboundProcessor[1];
    sink = new InboundSink(context, store.inbound(), store.messages(), smpp.moDedupeWindow(),
        smpp.moReassemblyTimeout(), m -> processor[0].process(m), metrics);
    connector = new SmsConnector(smpp.binds(), smpp.routes(), sink);
    sms = new OutboundDispatcher(vertx, store.messages(), connector, smpp.maxInFlight(), metrics);
    CaseService cases = new CaseService(store.cases(), handoff, sms, templates, config.cases(), language, metrics);
    processor[0] = new InboundProcessor(new KeywordRouter(config.sms().keywords()), store.inbound(),
        store.subscribers(), cases, sms, templates, language, metrics);
    services = new Services(config, store, connector, sms, handoff, cases, templates, metrics, new AtomicInteger());
    SmppMetrics.register(metrics, connector);
    storeMetrics();
    connector.start();
    handoff.start();
    sink.startSweeping(vertx);
    return sms.resume()
        .compose(v -> sink.sweep())
        .compose(v -> processor[0].resume())
        .compose(v -> cases.resumeAcknowledgements());
  }

  private void storeMetrics() {
    metrics.counter("relais_store_commits_total", "Store transactions committed since start", List.of(),
        () -> List.of(Metrics.Sample.of(store.health().commits())));
    metrics.counter("relais_store_writes_total", "Store writes committed since start", List.of(),
        () -> List.of(Metrics.Sample.of(store.health().writes())));
  }

  @Override
  public Future<?> stop() {
    sms.stop();
    sink.stopSweeping(vertx);
    handoff.stop();
    return vertx.executeBlocking(() -> {
      connector.stop(Duration.ofSeconds(10));
      return null;
    }, false);
  }
}
