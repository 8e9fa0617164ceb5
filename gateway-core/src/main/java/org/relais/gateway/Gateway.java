package org.relais.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.relais.gateway.api.ApiServer;
import org.relais.gateway.config.RelaisConfig;
import org.relais.gateway.metrics.Metrics;
import org.relais.gateway.store.SqliteStore;
import org.relais.gateway.store.Store;
import org.relais.gateway.telephony.IvrSetup;
import org.relais.gateway.telephony.Telephony;
import org.relais.gateway.templates.Templates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Relais: the store, the flows and templates read and checked, then the core services
 * (SMS, cases, hand-off), the HTTP API and the FastAGI server. Anything invalid stops the start.
 */
public final class Gateway implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Gateway.class);

  private final Vertx vertx;
  private final Store store;
  private final Services services;
  private final ApiServer api;
  private final Telephony telephony;

  private Gateway(Vertx vertx, Store store, Services services, ApiServer api, Telephony telephony) {
    this.vertx = vertx;
    this.store = store;
    this.services = services;
    this.api = api;
    this.telephony = telephony;
  }

  /** Starts a gateway and waits until every listener is up; throws when anything cannot start. */
  public static Gateway start(RelaisConfig config) throws Exception {
    return start(config, Clock.systemUTC());
  }

  /** Starts a gateway whose opening hours read {@code clock}. */
  public static Gateway start(RelaisConfig config, Clock clock) throws Exception {
    IvrSetup ivr = IvrSetup.load(config);
    Templates templates = Templates.load(config.resolve("templates/sms.yaml"), config.sms().languages());
    Store store = SqliteStore.open(config.store());
    Vertx vertx = Vertx.vertx(new VertxOptions()
        .setBlockedThreadCheckInterval(1)
        .setBlockedThreadCheckIntervalUnit(TimeUnit.SECONDS)
        .setMaxEventLoopExecuteTime(200)
        .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
    try {
      Metrics metrics = new Metrics();
      CoreVerticle core = new CoreVerticle(config, store, templates, metrics);
      await(vertx.deployVerticle(core));
      Services services = core.services();
      ApiServer api = ApiServer.create(services);
      await(vertx.deployVerticle(api));
      Telephony telephony = await(Telephony.start(vertx, config, ivr, store, services.cases(), metrics,
          services.activeCalls(), clock));
      log.info("Relais started: HTTP API on {}:{}, FastAGI on {}:{}, {} flows {}, {} SMSC binds, store {}",
          config.http().host(), api.actualPort(), config.agi().host(), telephony.agiPort(), ivr.flows().size(),
          ivr.flows().keySet(), config.smpp().binds().size(), store.health().location());
      return new Gateway(vertx, store, services, api, telephony);
    } catch (Exception e) {
      vertx.close().await(30, TimeUnit.SECONDS);
      store.close();
      throw e;
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.await(60, TimeUnit.SECONDS);
  }

  public int httpPort() {
    return api.actualPort();
  }

  /** The HTTP API listener. */
  public ApiServer api() {
    return api;
  }

  public int agiPort() {
    return telephony.agiPort();
  }

  public Telephony telephony() {
    return telephony;
  }

  public Services services() {
    return services;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** Stops listening, lets submits in flight finish, then closes the store. */
  @Override
  public void close() {
    try {
      vertx.close().await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("shutdown: {}", e.toString());
    } finally {
      store.close();
    }
  }
}
