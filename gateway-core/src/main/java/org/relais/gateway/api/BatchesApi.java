package org.relais.gateway.api;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.relais.gateway.notify.Batch;
import org.relais.gateway.notify.BatchRejection;
import org.relais.gateway.notify.BatchState;
import org.relais.gateway.notify.BatchStore;
import org.relais.gateway.notify.NewBatch;
import org.relais.gateway.notify.NotificationTemplates;
import org.relais.gateway.notify.Notifications;
import org.relais.gateway.sms.MessageState;
import org.relais.sms.Priority;

/**
 * Batches: {@code POST /api/v1/batches} (the body streamed, NDJSON or a JSON array; 202 once every
 * recipient is read, checked and committed), {@code GET /api/v1/batches/{id}} (counts by state and
 * an estimate of the end), {@code DELETE /api/v1/batches/{id}} (stops what is not sent yet).
 */
final class BatchesApi {

  private static final Duration MAX_SCHEDULE = Duration.ofDays(31);
  private static final int MAX_NAME = 100;

  private final Notifications notifications;

  BatchesApi(Notifications notifications) {
    this.notifications = notifications;
  }

  /** Runs before any body handler: the body is read as a stream, paused at once so nothing is lost. */
  void create(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    request.pause();
    boolean ndjson;
    NewBatch batch;
    try {
      ndjson = ndjson(request.getHeader("Content-Type"));
      batch = parse(ctx);
    } catch (ApiError e) {
      request.resume();
      ctx.fail(e);
      return;
    }
    Future<Optional<Batch>> earlier = batch.idempotencyKey() == null ? Future.succeededFuture(Optional.empty())
        : notifications.findByIdempotencyKey(batch.idempotencyKey());
    earlier.onFailure(e -> {
      request.resume();
      ctx.fail(e);
    }).onSuccess(found -> {
      if (found.isPresent() && found.get().state() == BatchState.STAGING) {
        request.handler(b -> { }).resume();
        reject(ctx, new BatchRejection(409, "idempotency_key_in_use", 0, "Idempotency-Key",
            "a batch with this Idempotency-Key is being read now; ask for it again once its upload ends"));
        return;
      }
      if (found.isPresent()) {
        request.handler(b -> { }).resume();
        describe(found.get()).onSuccess(body -> Json.send(ctx, 200, body.put("replayed", true))).onFailure(ctx::fail);
        return;
      }
      notifications.submit(batch, request, ndjson).onSuccess(created -> {
        ctx.response().putHeader("Location", "/api/v1/batches/" + created.id());
        describe(created).onSuccess(body -> Json.send(ctx, 202, body)).onFailure(ctx::fail);
      }).onFailure(e -> {
        if (e instanceof BatchRejection r) {
          reject(ctx, r);
        } else {
          ctx.fail(e);
        }
      });
    });
  }

  private static boolean ndjson(String contentType) {
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).split(";")[0].trim();
    return switch (type) {
      case "application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines" -> true;
      case "application/json" -> false;
      default -> throw new ApiError(415, "unsupported_media_type",
          "send application/x-ndjson (one recipient a line) or application/json (an array of recipients)", null);
    };
  }

  private NewBatch parse(RoutingContext ctx) {
    String template = ctx.queryParams().get("template");
    if (template == null || template.isBlank()) {
      throw ApiError.invalid("template", "template is required: one of " + notifications.templates().names());
    }
    NotificationTemplates.Kind kind = notifications.templates().kind(template).orElseThrow(() ->
        ApiError.invalid("template", "unknown template " + template + "; expected one of "
            + notifications.templates().names()));
    String language = ctx.queryParams().get("language");
    if (language != null && !kind.hasLanguage(language)) {
      throw ApiError.invalid("language", "template " + template + " has no text in " + language);
    }
    String name = ctx.queryParams().get("name");
    if (name != null && name.length() > MAX_NAME) {
      throw ApiError.invalid("name", "name is longer than " + MAX_NAME + " characters");
    }
    String key = Json.idempotencyKey(ctx);
    return new NewBatch(template, kind.category(), language, priority(ctx.queryParams().get("priority")),
        scheduleAt(ctx.queryParams().get("schedule_at")), key, name);
  }

  private static Priority priority(String value) {
    if (value == null || value.equalsIgnoreCase("bulk")) {
      return Priority.BULK;
    }
    if (value.equalsIgnoreCase("normal")) {
      return Priority.NORMAL;
    }
    throw ApiError.invalid("priority", "a batch's priority is bulk (the default) or normal; replies and alerts"
        + " keep the lanes above");
  }

  private Instant scheduleAt(String value) {
    if (value == null) {
      return null;
    }
    Instant at;
    try {
      at = OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiError.invalid("schedule_at", "schedule_at must be a time such as 2026-12-01T08:00:00+01:00");
    }
    if (at.isAfter(notifications.quiet().now().plus(MAX_SCHEDULE))) {
      throw ApiError.invalid("schedule_at", "schedule_at must be within 31 days");
    }
    return at;
  }

  private static void reject(RoutingContext ctx, BatchRejection r) {
    JsonObject error = new JsonObject().put("code", r.code()).put("message", r.getMessage());
    if (r.field() != null) {
      error.put("field", r.field());
    }
    if (r.line() > 0) {
      error.put("line", r.line());
    }
    Json.send(ctx, r.status(), new JsonObject().put("error", error));
  }

  void get(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    notifications.find(id)
        .compose(found -> found.isEmpty() ? Future.failedFuture(ApiError.notFound("batch " + id)) : describe(found.get()))
        .onSuccess(body -> Json.send(ctx, 200, body))
        .onFailure(ctx::fail);
  }

  void cancel(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    notifications.find(id).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(ApiError.notFound("batch " + id));
      }
      BatchState state = found.get().state();
      if (state == BatchState.STAGING || state == BatchState.REJECTED) {
        return Future.failedFuture(new ApiError(409, "not_cancellable", "batch " + id + " is " + state.label()
            + ": nothing of it is queued", null));
      }
      return notifications.cancel(id).compose(after -> describe(after.orElseThrow()));
    }).onSuccess(body -> Json.send(ctx, 200, body)).onFailure(ctx::fail);
  }

  private Future<JsonObject> describe(Batch batch) {
    if (batch.state() == BatchState.STAGING || batch.state() == BatchState.REJECTED) {
      return Future.succeededFuture(view(batch, new BatchStore.MessageCounts(Map.of(), 0, 0)));
    }
    return notifications.messageCounts(batch.id()).map(counts -> view(batch, counts));
  }

  private JsonObject view(Batch batch, BatchStore.MessageCounts messages) {
    Batch.Progress p = batch.progress();
    long queued = messages.byState().getOrDefault(MessageState.QUEUED, 0L);
    JsonObject counts = new JsonObject()
        .put("waiting", p.waiting())
        .put("queued", queued - messages.held())
        .put("held_quiet_hours", messages.held());
    for (MessageState s : MessageState.values()) {
      if (s != MessageState.QUEUED) {
        counts.put(s.label(), messages.byState().getOrDefault(s, 0L));
      }
    }
    counts.put("skipped_opted_out", p.skipped()).put("cancelled", p.cancelled());
    NewBatch r = batch.request();
    JsonObject body = new JsonObject()
        .put("id", batch.id())
        .put("name", r.name())
        .put("template", r.template())
        .put("category", r.category())
        .put("language", r.language())
        .put("priority", r.priority().name().toLowerCase(Locale.ROOT))
        .put("state", state(batch, p.waiting() + queued))
        .put("schedule_at", Json.time(r.scheduleAt()))
        .put("recipients", p.recipients())
        .put("segments", p.segments())
        .put("counts", counts)
        .put("created_at", Json.time(batch.createdAt()))
        .put("updated_at", Json.time(batch.updatedAt()));
    if (batch.error() != null) {
      body.put("error", batch.error());
    }
    if (batch.state() == BatchState.OPEN || batch.state() == BatchState.RELEASED) {
      body.put("estimate", estimate(batch, p.waitingSegments() + messages.queuedSegments()));
    }
    return body;
  }

  /** What a person reads: an open batch is scheduled, waiting for quiet hours to end, or sending. */
  private String state(Batch batch, long unsent) {
    Instant now = notifications.quiet().now();
    return switch (batch.state()) {
      case OPEN -> {
        Instant start = notifications.startsAt(batch);
        if (!start.isAfter(now)) {
          yield "sending";
        }
        yield batch.request().scheduleAt() != null && !batch.request().scheduleAt().isBefore(start)
            ? "scheduled" : "quiet_hours";
      }
      case RELEASED -> unsent > 0 ? "sending" : "completed";
      default -> batch.state().label();
    };
  }

  /** Remaining segments ÷ the rate the binds allow, from when the batch may send. */
  private JsonObject estimate(Batch batch, long remainingSegments) {
    double tps = notifications.availableTps();
    Instant start = notifications.startsAt(batch);
    JsonObject estimate = new JsonObject().put("remaining_segments", remainingSegments).put("tps", tps)
        .put("starts_at", Json.time(start));
    if (tps <= 0) {
      return estimate.put("seconds", null).put("finish_at", null).put("note", "no SMSC bind is up");
    }
    long seconds = (long) Math.ceil(remainingSegments / tps);
    return estimate.put("seconds", seconds).put("finish_at", Json.time(start.plusSeconds(seconds)));
  }
}
