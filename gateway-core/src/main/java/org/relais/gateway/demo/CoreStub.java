package org.relais.gateway.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A core case system that keeps cases in memory and speaks the {@code relais-json} contract:
 * {@code POST /cases} (Idempotency-Key required; a repeated key answers 200 with the same case),
 * {@code GET /cases} and {@code GET /cases/{id}}. It can be told to fail, for outage tests.
 */
public final class CoreStub {

  private final Map<String, JsonObject> cases = new ConcurrentHashMap<>();
  private final Map<String, String> byKey = new ConcurrentHashMap<>();
  private final List<JsonObject> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger sequence = new AtomicInteger();
  private final AtomicInteger posts = new AtomicInteger();
  private volatile Duration responseDelay;
  private volatile int failWith;
  private volatile String trackingPrefix;
  private volatile long delayMs;

  /** @param responseDelay the delay the stub announces for each case */
  public CoreStub(Duration responseDelay) {
    this.responseDelay = responseDelay;
  }

  /** Mounts the routes under {@code prefix} (such as {@code /core}). */
  public void mount(Router router, String prefix) {
    router.route(prefix + "/*").handler(BodyHandler.create().setBodyLimit(1 << 20));
    router.post(prefix + "/cases").handler(this::create);
    router.get(prefix + "/cases").handler(ctx -> json(ctx, 200, new JsonObject().put("cases",
        new JsonArray(List.copyOf(cases.values())))));
    router.get(prefix + "/cases/:id").handler(ctx -> {
      JsonObject c = cases.get(ctx.pathParam("id"));
      json(ctx, c == null ? 404 : 200, c == null ? new JsonObject().put("error", "no such case") : c);
    });
  }

  /** Sets the response delay the core announces for the next cases. */
  public void announce(Duration delay) {
    this.responseDelay = delay;
  }

  /** Delays every answer by {@code ms} (a slow core), 0 to answer at once. */
  public void delayAnswers(long ms) {
    this.delayMs = ms;
  }

  /** Makes every POST answer {@code status} (0 to work again). */
  public void failWith(int status) {
    this.failWith = status;
  }

  /** Makes the core issue its own tracking numbers ({@code prefix} + sequence), or none with null. */
  public void issueTrackingNumbers(String prefix) {
    this.trackingPrefix = prefix;
  }

  /** Cases the core holds, by its id. */
  public Map<String, JsonObject> cases() {
    return Map.copyOf(cases);
  }

  /** Every body accepted, in order (repeats included). */
  public List<JsonObject> received() {
    return List.copyOf(received);
  }

  /** POST requests seen, failed ones included. */
  public int posts() {
    return posts.get();
  }

  private void create(RoutingContext ctx) {
    posts.incrementAndGet();
    if (failWith != 0) {
      json(ctx, failWith, new JsonObject().put("error", "the core is down"));
      return;
    }
    String key = ctx.request().getHeader("Idempotency-Key");
    if (key == null || key.isBlank()) {
      json(ctx, 400, new JsonObject().put("error", "Idempotency-Key header required"));
      return;
    }
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      json(ctx, 400, new JsonObject().put("error", "body is not JSON"));
      return;
    }
    if (body == null) {
      json(ctx, 400, new JsonObject().put("error", "body is not JSON"));
      return;
    }
    for (String field : List.of("channel", "language", "description", "received_at")) {
      if (body.getValue(field) == null) {
        json(ctx, 400, new JsonObject().put("error", field + " is required"));
        return;
      }
    }
    String existing = byKey.get(key);
    if (existing != null) {
      json(ctx, 200, cases.get(existing));
      return;
    }
    received.add(body);
    String id = "C-%06d".formatted(sequence.incrementAndGet());
    JsonObject c = new JsonObject()
        .put("case_id", id)
        .put("status", "received")
        .put("updated_at", Instant.now().toString())
        .put("expected_response", Instant.now().plus(responseDelay).toString())
        .put("request", body);
    if (trackingPrefix != null) {
      c.put("tracking_number", trackingPrefix + sequence.get());
    }
    cases.put(id, c);
    byKey.put(key, id);
    json(ctx, 201, c);
  }

  private void json(RoutingContext ctx, int status, JsonObject body) {
    if (delayMs > 0) {
      ctx.vertx().setTimer(delayMs, t -> answer(ctx, status, body));
    } else {
      answer(ctx, status, body);
    }
  }

  private static void answer(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }

  /** Changes a case's status, as the core's staff would; the core then tells Relais through its webhook. */
  public JsonObject setStatus(String caseId, String status) {
    JsonObject c = cases.get(caseId);
    if (c != null) {
      c.put("status", status).put("updated_at", Instant.now().toString());
    }
    return c;
  }
}
