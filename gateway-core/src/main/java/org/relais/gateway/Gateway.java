package org.relais.gateway;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.transport.Transport;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.relais.gateway.alerts.AlertDialer;
import org.relais.gateway.alerts.AlertTexts;
import org.relais.gateway.alerts.Tts;
import org.relais.gateway.api.ApiServer;
import org.relais.gateway.config.RelaisConfig;
import org.relais.gateway.metrics.Metrics;
import org.relais.gateway.notify.NotificationTemplates;
import org.relais.gateway.notify.Notifications;
import org.relais.gateway.notify.NotificationsVerticle;
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
  private final Notifications notifications;
  private final Transport transport;

  private Gateway(Vertx vertx, Store store, Services services, ApiServer api, Telephony telephony,
      Notifications notifications, Transport transport) {
    this.notifications = notifications;
    this.transport = transport;
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
    NotificationTemplates notificationTemplates = Notifications.loadTemplates(config);
    NetworkTransport.Started network = NetworkTransport.start(new VertxOptions()
        .setBlockedThreadCheckInterval(1)
        .setBlockedThreadCheckIntervalUnit(TimeUnit.SECONDS)
        .setMaxEventLoopExecuteTime(200)
        .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS), config.network());
    Vertx vertx = network.vertx();
    Store store = null;
    try {
      store = SqliteStore.open(config.store());
      Metrics metrics = new Metrics();
      CoreVerticle core = new CoreVerticle(config, store, templates, metrics);
      await(vertx.deployVerticle(core));
      Services services = core.services();
      NotificationsVerticle notifications = new NotificationsVerticle(services, notificationTemplates, clock);
      await(vertx.deployVerticle(notifications));
      ApiServer api = deployApi(vertx, ApiServer.instances(services, notifications.notifications()));
      Telephony telephony = await(Telephony.start(vertx, config, ivr, store, services.cases(), metrics,
          services.activeCalls(), clock));
      if (telephony.ami() != null && config.alerts().voiceEnabled()) {
        AlertDialer dialer = new AlertDialer(config.alerts(), store.alerts(), telephony.ami(),
            new Tts(config.alerts()), new AlertTexts(config.alerts().languageFallback(), config.alerts().smsMaxChars()),
            metrics);
        await(vertx.deployVerticle(dialer));
        services.alerts().attachVoice(dialer);
      }
      await(core.resumeAlerts());
      log.info("Relais started: HTTP API on {}:{}, FastAGI on {}:{}, {} flows {}, {} SMSC binds, store {}, network {}",
          config.http().host(), api.actualPort(), config.agi().host(), telephony.agiPort(), ivr.flows().size(),
          ivr.flows().keySet(), config.smpp().binds().size(), store.health().location(), network.describe());
      return new Gateway(vertx, store, services, api, telephony, notifications.notifications(), network.transport());
    } catch (Exception e) {
      vertx.close().await(30, TimeUnit.SECONDS);
      if (store != null) {
        store.close();
      }
      throw e;
    }
  }

  /**
   * Deploys the HTTP API once per core, every instance on the same port (Vert.x spreads the
   * connections among them), so that parsing requests uses every core without more event loops
   * busy than there are cores; returns the first.
   */
  private static ApiServer deployApi(Vertx vertx, Supplier<ApiServer> server) throws Exception {
    AtomicReference<ApiServer> first = new AtomicReference<>();
    Supplier<ApiServer> instance = () -> {
      ApiServer s = server.get();
      first.compareAndSet(null, s);
      return s;
    };
    int instances = Math.min(VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE, Runtime.getRuntime().availableProcessors());
    await(vertx.deployVerticle(instance, new DeploymentOptions().setInstances(instances)));
    return first.get();
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

  /** Batches, quiet hours and consumption alerts. */
  public Notifications notifications() {
    return notifications;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** How its sockets are driven ({@code network.transport}): io_uring or NIO. */
  public Transport transport() {
    return transport;
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
