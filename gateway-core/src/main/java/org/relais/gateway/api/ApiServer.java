package org.relais.gateway.api;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.function.Supplier;
import org.relais.gateway.Services;
import org.relais.gateway.config.HttpConfig;
import org.relais.gateway.config.RelaisConfig;
import org.relais.gateway.config.Role;
import org.relais.gateway.metrics.Metrics;
import org.relais.gateway.notify.Notifications;
import org.relais.gateway.sms.SmsReport;
import org.relais.gateway.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP listener and its routes. */
public final class ApiServer extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

  private static final int SHARED_RANDOM_PORT = -2;

  private final HttpConfig config;
  private final Auth auth;
  private final MessagesApi messages;
  private final CasesApi cases;
  private final IndicatorsApi indicators;
  private final Health health;
  private final Metrics metrics;
  private final BatchesApi batches;
  private final ConsumptionApi consumption;
  private final SubscribersApi subscribers;
  private final AlertsApi alerts;
  private HttpServer server;
  private Router router;

  /**
   * Makes the instances of the API of a running gateway (one per core), with the
   * notification routes (batches, consumption). They share one {@link Auth}, so that a token's
   * rate limit holds across them whichever instance its connections land on.
   */
  public static Supplier<ApiServer> instances(Services services, Notifications notifications) {
    Auth auth = Auth.of(services.config().api());
    return () -> create(services, notifications, auth);
  }

  private static ApiServer create(Services services, Notifications notifications, Auth auth) {
    RelaisConfig config = services.config();
    String language = config.sms().defaultLanguage();
    MessagesApi messages = new MessagesApi(services.sms(), services.store().messages(), services.templates(), language,
        services.optOuts());
    CasesApi cases = new CasesApi(services.store().cases(), services.followUp());
    IndicatorsApi indicators = new IndicatorsApi(services.store().indicators(), java.time.ZoneId.systemDefault());
    Health health = new Health(services.store(),
        () -> SmsReport.of(services.connector(), services.sms(), services.metrics()), services.handoff(),
        services.activeCalls()::get);
    SubscribersApi subscribers = new SubscribersApi(services.store().subscribers(), services.optOuts(),
        config.sms().languages(), config.sms().zones());
    int tps = config.smpp().binds().stream().mapToInt(b -> b.tps()).sum();
    AlertsApi alerts = new AlertsApi(services.alerts(), config.api().parsedTokens(), tps);
    return new ApiServer(config.http(), auth, messages, cases, indicators, health, services.metrics(), subscribers,
        alerts, new BatchesApi(notifications), new ConsumptionApi(notifications.consumption()));
  }

  ApiServer(HttpConfig config, Auth auth, MessagesApi messages, CasesApi cases, IndicatorsApi indicators,
      Health health, Metrics metrics, SubscribersApi subscribers, AlertsApi alerts, BatchesApi batches,
      ConsumptionApi consumption) {
    this.batches = batches;
    this.consumption = consumption;
    this.subscribers = subscribers;
    this.alerts = alerts;
    this.config = config;
    this.auth = auth;
    this.messages = messages;
    this.cases = cases;
    this.indicators = indicators;
    this.health = health;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    router = Router.router(vertx);
    router.get("/health").handler(health::handle);
    router.get("/metrics").handler(auth.require()).handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape()));
    // Before the body handler: a batch's body is read as a stream, never held whole.
    router.post("/api/v1/batches").handler(auth.require(Role.SENDER)).handler(batches::create);
    router.route("/api/*").handler(BodyHandler.create().setBodyLimit(config.maxBodyKb() * 1024L));
    router.post("/api/v1/messages").handler(auth.require(Role.SENDER)).handler(messages::create);
    router.get("/api/v1/messages/:id").handler(auth.require(Role.SENDER)).handler(messages::get);
    router.get("/api/v1/cases").handler(auth.require(Role.ADMIN)).handler(cases::list);
    router.get("/api/v1/cases/:ref").handler(auth.require(Role.CORE)).handler(cases::get);
    router.post("/api/v1/cases/:ref/status").handler(auth.require(Role.CORE)).handler(cases::status);
    router.post("/api/v1/cases/:ref/handoff/retry").handler(auth.require(Role.ADMIN)).handler(cases::retry);
    router.get("/api/v1/indicators").handler(auth.require(Role.ADMIN)).handler(indicators::get);
    router.get("/api/v1/batches/:id").handler(auth.require(Role.SENDER)).handler(batches::get);
    router.delete("/api/v1/batches/:id").handler(auth.require(Role.SENDER)).handler(batches::cancel);
    router.post("/api/v1/consumption").handler(auth.require(Role.SENDER)).handler(consumption::report);
    router.post("/api/v1/subscribers/import").handler(auth.require(Role.ALERTER)).handler(subscribers::importNdjson);
    router.put("/api/v1/subscribers/:msisdn").handler(auth.require(Role.ALERTER)).handler(subscribers::put);
    router.get("/api/v1/subscribers/:msisdn").handler(auth.require(Role.ALERTER)).handler(subscribers::get);
    router.delete("/api/v1/subscribers/:msisdn").handler(auth.require(Role.ALERTER)).handler(subscribers::delete);
    router.post("/api/v1/alerts").handler(auth.require(Role.ALERTER)).handler(alerts::create);
    router.get("/api/v1/alerts/:id").handler(auth.require(Role.ALERTER)).handler(alerts::get);
    router.post("/api/v1/alerts/:id/cancel").handler(auth.require(Role.ALERTER)).handler(alerts::cancel);
    router.get("/api/v1/alerts/:id/calls").handler(auth.require(Role.ALERTER)).handler(alerts::calls);
    router.route().last().handler(ctx -> ctx.fail(new ApiError(404, "not_found", "no such route", null)));
    router.route().failureHandler(this::failure);
    // With port 0, the instances (one per event loop) share one random port: Vert.x binds the
    // servers given the same negative port to one random port (the FastAGI servers use -1).
    int port = config.port() == 0 ? SHARED_RANDOM_PORT : config.port();
    HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(port)
        .setCompressionSupported(true);
    if (config.tls()) {
      options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions().setCertPath(config.tlsCert())
          .setKeyPath(config.tlsKey()));
    }
    server = vertx.createHttpServer(options);
    return server.requestHandler(router).listen()
        .onSuccess(s -> log.debug("HTTP API instance listening on {}://{}:{}", config.tls() ? "https" : "http",
            config.host(), s.actualPort()));
  }

  public int actualPort() {
    return server.actualPort();
  }

  /** Every route with a path, as {@code METHOD /path} ({@code ANY} when it takes every method). */
  public java.util.List<String> routes() {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (io.vertx.ext.web.Route route : router.getRoutes()) {
      if (route.getPath() == null || !route.isExactPath()) {
        continue;
      }
      if (route.methods() == null || route.methods().isEmpty()) {
        out.add("ANY " + route.getPath());
      } else {
        route.methods().forEach(m -> out.add(m.name() + " " + route.getPath()));
      }
    }
    return out;
  }

  private void failure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    ApiError error;
    if (failure instanceof ApiError api) {
      error = api;
    } else if (failure instanceof StoreException store) {
      log.error("API: {} {}: store failure: {}", ctx.request().method(), ctx.request().path(), store.getMessage());
      error = new ApiError(503, "store_unavailable", "the store cannot take the request now; try again", null);
      ctx.response().putHeader("Retry-After", "5");
    } else if (ctx.statusCode() == 413) {
      error = new ApiError(413, "body_too_large", "the body is larger than " + config.maxBodyKb() + " KB", null);
    } else if (ctx.statusCode() == 405) {
      error = new ApiError(405, "method_not_allowed", "method not allowed here", null);
    } else if (failure == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      error = new ApiError(ctx.statusCode(), "bad_request", "the request cannot be served", null);
    } else {
      log.error("API: {} {} failed", ctx.request().method(), ctx.request().path(), failure);
      error = new ApiError(500, "internal_error", "the request could not be served; it is logged", null);
    }
    if (!ctx.response().ended()) {
      Json.send(ctx, error.status(), error.body());
    }
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
