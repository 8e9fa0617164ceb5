package org.relais.gateway.demo;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An Open311 GeoReport v2 server that behaves like the ones in the wild: ids as strings, booleans
 * as strings ("metadata": "false"), optionally a token first and the service_request_id only later,
 * errors as the spec's array, and 400 for a request it already has (recognised by
 * {@code attribute[relais_case_id]}). It keeps requests in memory and serves the FixMyStreet
 * {@code servicerequestupdates.json} extension.
 */
public final class Open311Stub {

  private final Map<String, JsonObject> requests = new ConcurrentHashMap<>();
  private final Map<String, String> byCaseId = new ConcurrentHashMap<>();
  private final Map<String, String> tokens = new ConcurrentHashMap<>();
  private final Map<String, Integer> tokenLookups = new ConcurrentHashMap<>();
  private final List<JsonObject> updates = new CopyOnWriteArrayList<>();
  private final List<MultiMap> posts = new CopyOnWriteArrayList<>();
  private final AtomicInteger sequence = new AtomicInteger(638_343);
  private final AtomicInteger updateSequence = new AtomicInteger();
  private final List<String> services;
  private final String apiKey;
  private volatile boolean tokensFirst;
  private volatile int failWith;
  private volatile long delayMs;

  /** @param services the service codes it offers; {@code apiKey} null accepts any */
  public Open311Stub(List<String> services, String apiKey) {
    this.services = new java.util.concurrent.CopyOnWriteArrayList<>(services);
    this.apiKey = apiKey;
  }

  public void mount(Router router, String prefix) {
    router.route(prefix + "/*").handler(BodyHandler.create().setBodyLimit(1 << 20));
    router.post(prefix + "/requests.json").handler(this::create);
    router.get(prefix + "/services.json").handler(this::services);
    router.get(prefix + "/tokens/:token").handler(this::token);
    router.get(prefix + "/requests/:id").handler(this::request);
    router.get(prefix + "/servicerequestupdates.json").handler(this::updates);
  }

  /** Stops offering {@code code}: a request for it is then refused with 400, as an unknown service. */
  public void withdraw(String code) {
    services.remove(code);
  }

  /** Answers with a token first; the id comes at the second look-up of the token. */
  public void tokensFirst(boolean on) {
    this.tokensFirst = on;
  }

  /** Delays every answer by {@code ms} (a slow server), 0 to answer at once. */
  public void delayAnswers(long ms) {
    this.delayMs = ms;
  }

  /** Makes every POST answer {@code status} with the spec's error array (0 to work again). */
  public void failWith(int status) {
    this.failWith = status;
  }

  /** The requests it holds, by service_request_id. */
  public Map<String, JsonObject> requests() {
    return Map.copyOf(requests);
  }

  /** Every POST received, failed and duplicate ones included. */
  public List<MultiMap> posts() {
    return List.copyOf(posts);
  }

  /** Records a status change of a request, served by servicerequestupdates.json. */
  public void update(String serviceRequestId, String status, String description) {
    JsonObject request = requests.get(serviceRequestId);
    if (request != null) {
      request.put("status", status).put("updated_datetime", OffsetDateTime.now().toString());
    }
    updates.add(new JsonObject()
        .put("update_id", String.valueOf(updateSequence.incrementAndGet()))
        .put("service_request_id", serviceRequestId)
        .put("status", status)
        .put("updated_datetime", OffsetDateTime.now().toString())
        .put("description", description)
        .put("media_url", ""));
  }

  private void create(RoutingContext ctx) {
    MultiMap form = ctx.request().formAttributes();
    posts.add(MultiMap.caseInsensitiveMultiMap().addAll(form));
    if (failWith != 0) {
      error(ctx, failWith, "the service is unavailable");
      return;
    }
    if (apiKey != null && !apiKey.equals(form.get("api_key"))) {
      error(ctx, 403, "Invalid api_key");
      return;
    }
    String code = form.get("service_code");
    if (code == null || !services.contains(code)) {
      error(ctx, 400, "Service not found: " + code);
      return;
    }
    if (form.get("description") == null || form.get("description").isBlank()) {
      error(ctx, 400, "description is required");
      return;
    }
    String caseId = form.get("attribute[relais_case_id]");
    String existing = caseId == null ? null : byCaseId.get(caseId);
    if (existing != null) {
      error(ctx, 400, "Duplicate request: already received as " + existing);
      return;
    }
    String id = String.valueOf(sequence.incrementAndGet());
    requests.put(id, new JsonObject()
        .put("service_request_id", id)
        .put("status", "open")
        .put("service_code", code)
        .put("description", form.get("description"))
        .put("phone", form.get("phone"))
        .put("media_url", form.get("media_url"))
        .put("requested_datetime", OffsetDateTime.now().toString())
        .put("updated_datetime", OffsetDateTime.now().toString()));
    if (caseId != null) {
      byCaseId.put(caseId, id);
    }
    JsonObject answer = new JsonObject().put("service_notice", "Merci, votre signalement est transmis.")
        .put("account_id", (String) null);
    if (tokensFirst) {
      String token = "tok-" + id;
      tokens.put(token, id);
      answer.put("token", token);
    } else {
      answer.put("service_request_id", id);
    }
    json(ctx, 201, new JsonArray().add(answer));
  }

  private void services(RoutingContext ctx) {
    JsonArray list = new JsonArray();
    for (String code : services) {
      list.add(new JsonObject().put("service_code", code).put("service_name", code).put("description", code)
          .put("metadata", "false").put("type", "realtime").put("keywords", "").put("group", "city"));
    }
    json(ctx, 200, list);
  }

  private void token(RoutingContext ctx) {
    String token = ctx.pathParam("token").replace(".json", "");
    String id = tokens.get(token);
    if (id == null) {
      error(ctx, 404, "No such token");
      return;
    }
    int seen = tokenLookups.merge(token, 1, Integer::sum);
    JsonObject answer = new JsonObject().put("token", token);
    if (seen >= 2) {
      answer.put("service_request_id", id);
    }
    json(ctx, 200, new JsonArray().add(answer));
  }

  private void request(RoutingContext ctx) {
    JsonObject r = requests.get(ctx.pathParam("id").replace(".json", ""));
    if (r == null) {
      error(ctx, 404, "No such request");
      return;
    }
    json(ctx, 200, new JsonArray().add(r));
  }

  private void updates(RoutingContext ctx) {
    Instant from = parse(ctx.queryParams().get("start_date"), Instant.EPOCH);
    Instant to = parse(ctx.queryParams().get("end_date"), Instant.now().plusSeconds(1));
    List<JsonObject> selected = new ArrayList<>();
    for (JsonObject u : updates) {
      Instant at = OffsetDateTime.parse(u.getString("updated_datetime")).toInstant();
      if (!at.isBefore(from) && !at.isAfter(to)) {
        selected.add(u);
      }
    }
    json(ctx, 200, new JsonObject().put("service_request_updates", new JsonArray(selected)));
  }

  private static Instant parse(String text, Instant fallback) {
    try {
      return text == null ? fallback : OffsetDateTime.parse(text).toInstant();
    } catch (RuntimeException e) {
      return fallback;
    }
  }

  private void error(RoutingContext ctx, int status, String description) {
    json(ctx, status, new JsonArray().add(new JsonObject().put("code", String.valueOf(status))
        .put("description", description)));
  }

  private void json(RoutingContext ctx, int status, Object body) {
    String text = body instanceof JsonArray a ? a.encode() : ((JsonObject) body).encode();
    Runnable answer = () -> ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(text);
    if (delayMs > 0) {
      ctx.vertx().setTimer(delayMs, t -> answer.run());
    } else {
      answer.run();
    }
  }
}
