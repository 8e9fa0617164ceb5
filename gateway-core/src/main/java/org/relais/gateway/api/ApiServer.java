package org.relais.gateway.api;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.relais.gateway.Services;
import io.vertx.core.net.PemKeyCertOptions;
import org.relais.gateway.config.ApiConfig;
import org.relais.gateway.config.RelaisConfig;
import org.relais.gateway.config.HttpConfig;
import org.relais.gateway.config.Role;
import org.relais.gateway.metrics.Metrics;
import org.relais.gateway.sms.SmsReport;
import org.relais.gateway.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP listener and its routes. */
public final class ApiServer extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

  private final HttpConfig config;
  private final Auth auth;
  private final MessagesApi messages;
  private final CasesApi cases;
  private final IndicatorsApi indicators;
  private final Health health;
  private final Metrics metrics;
  private HttpServer server;
  private Router router;

  /** The API of a running gateway. */
  public static ApiServer create(Services services) {
    RelaisConfig config = services.config();
    String language = config.sms().defaultLanguage();
    MessagesApi messages = new MessagesApi(services.sms(), services.store().messages(), services.templates(), language,
        services.optOuts());
    CasesApi cases = new CasesApi(services.store().cases(), services.followUp());
    IndicatorsApi indicators = new IndicatorsApi(services.store().indicators(), java.time.ZoneId.systemDefault());
    Health health = new Health(services.store(),
        () -> SmsReport.of(services.connector(), services.sms(), services.metrics()), services.handoff(),
        services.activeCalls()::get);
    return new ApiServer(config.http(), config.api(), messages, cases, indicators, health, services.metrics());
  }

  ApiServer(HttpConfig config, ApiConfig api, MessagesApi messages, CasesApi cases, IndicatorsApi indicators,
      Health health, Metrics metrics) {
    this.config = config;
    this.auth = new Auth(api.parsedTokens(),
        api.rateLimited() ? new RateLimiter(api.ratePerSecond(), api.rateBurst(), System::nanoTime) : null);
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
    router.route("/api/*").handler(BodyHandler.create().setBodyLimit(config.maxBodyKb() * 1024L));
    router.post("/api/v1/messages").handler(auth.require(Role.SENDER)).handler(messages::create);
    router.get("/api/v1/messages/:id").handler(auth.require(Role.SENDER)).handler(messages::get);
    router.get("/api/v1/cases").handler(auth.require(Role.ADMIN)).handler(cases::list);
    router.get("/api/v1/cases/:ref").handler(auth.require(Role.CORE)).handler(cases::get);
    router.post("/api/v1/cases/:ref/status").handler(auth.require(Role.CORE)).handler(cases::status);
    router.post("/api/v1/cases/:ref/handoff/retry").handler(auth.require(Role.ADMIN)).handler(cases::retry);
    router.get("/api/v1/indicators").handler(auth.require(Role.ADMIN)).handler(indicators::get);
    router.route().last().handler(ctx -> ctx.fail(new ApiError(404, "not_found", "no such route", null)));
    router.route().failureHandler(this::failure);
    HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(config.port())
        .setCompressionSupported(true);
    if (config.tls()) {
      options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions().setCertPath(config.tlsCert())
          .setKeyPath(config.tlsKey()));
    }
    server = vertx.createHttpServer(options);
    return server.requestHandler(router).listen()
        .onSuccess(s -> log.info("HTTP API listening on {}://{}:{}", config.tls() ? "https" : "http", config.host(),
            s.actualPort()));
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
