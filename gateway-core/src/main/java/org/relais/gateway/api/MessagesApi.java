package org.relais.gateway.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import org.relais.gateway.sms.MessageStore;
import org.relais.gateway.sms.NewMessage;
import org.relais.gateway.sms.OutboundDispatcher;
import org.relais.gateway.sms.OutboundMessage;
import org.relais.gateway.subscribers.OptOuts;
import org.relais.gateway.subscribers.PhoneNumbers;
import org.relais.gateway.templates.Templates;
import org.relais.ivr.flow.Durations;
import org.relais.sms.Priority;

/** {@code POST /api/v1/messages} (one SMS; 202 once committed) and {@code GET /api/v1/messages/{id}}. */
final class MessagesApi {

  private static final int MAX_TEXT = 10_000;
  private static final Duration MAX_VALIDITY = Duration.ofDays(7);

  private final OutboundDispatcher sms;
  private final MessageStore messages;
  private final Templates templates;
  private final String defaultLanguage;
  private final OptOuts optOuts;

  MessagesApi(OutboundDispatcher sms, MessageStore messages, Templates templates, String defaultLanguage,
      OptOuts optOuts) {
    this.sms = sms;
    this.optOuts = optOuts;
    this.messages = messages;
    this.templates = templates;
    this.defaultLanguage = defaultLanguage;
  }

  /**
   * Queues one message; 202 once committed. With an {@code Idempotency-Key}, a request sent again
   * (its answer lost to a cut connection or a crash) gets 200 and the message queued the first
   * time, whatever its body says, instead of queuing another.
   */
  void create(RoutingContext ctx) {
    String key = Json.idempotencyKey(ctx);
    queueOnce(key, parse(Json.body(ctx), key))
        .onSuccess(a -> {
          ctx.response().putHeader("Location", "/api/v1/messages/" + a.message().id());
          Json.send(ctx, a.repeat() ? 200 : 202, new JsonObject().put("id", a.message().id())
              .put("state", a.message().state().label()).put("to", a.message().request().destination())
              .put("parts", a.message().request().parts()));
        })
        .onFailure(ctx::fail);
  }

  /**
   * Queues {@code message}, unless a message with its {@code key} is queued already; when the
   * insert fails on a key another request took meanwhile, finds that request's message.
   */
  private Future<Accepted> queueOnce(String key, NewMessage message) {
    if (key == null) {
      return sms.send(message).map(m -> new Accepted(m, false));
    }
    return messages.findByIdempotencyKey(key).compose(found -> found.isPresent()
        ? Future.succeededFuture(new Accepted(found.get(), true))
        : sms.send(message).map(m -> new Accepted(m, false)).recover(e -> messages.findByIdempotencyKey(key)
            .compose(raced -> raced.map(m -> Future.succeededFuture(new Accepted(m, true)))
                .orElseGet(() -> Future.failedFuture(e)))));
  }

  /** A message queued by this request, or by an earlier one with the same key ({@code repeat}). */
  private record Accepted(OutboundMessage message, boolean repeat) {}

  NewMessage parse(JsonObject body, String idempotencyKey) {
    String to = PhoneNumbers.normalize(Json.text(body, "to")).orElseThrow(() ->
        ApiError.invalid("to", "to must be a phone number such as +21620123456"));
    if (optOuts.isOptedOut(to)) {
      throw new ApiError(422, "opted_out", "this number sent STOP: it receives no message until it sends START", "to");
    }
    String language = Json.text(body, "language");
    if (language != null && !language.matches("[a-z]{2,3}")) {
      throw ApiError.invalid("language", "language must be a code such as fr, ar or en");
    }
    if (!sms.hasRoute(to)) {
      throw ApiError.invalid("to", "no SMSC route (smpp.routes) serves this number");
    }
    String text = text(body, language == null ? defaultLanguage : language);
    boolean transliterate = bool(body, "transliterate", false);
    int parts = sms.partsFor(to, text, transliterate);
    if (parts == 0) {
      throw new ApiError(422, "text_too_long", "the text needs more segments than the SMSC bind allows", "text");
    }
    return NewMessage.to(to, text)
        .language(language)
        .priority(priority(Json.text(body, "priority")))
        .parts(parts)
        .transliterate(transliterate)
        .registeredDelivery(bool(body, "registered_delivery", true))
        .validity(validity(body.getValue("validity")))
        .scheduleAt(scheduleAt(Json.text(body, "schedule_at")))
        .reference(Json.text(body, "reference"))
        .idempotencyKey(idempotencyKey)
        .build();
  }

  private String text(JsonObject body, String language) {
    String text = Json.text(body, "text");
    String template = Json.text(body, "template");
    if ((text == null) == (template == null)) {
      throw ApiError.invalid("text", "give either text or template (with params)");
    }
    if (template != null) {
      if (!templates.has(template)) {
        throw ApiError.invalid("template", "unknown template " + template);
      }
      Object params = body.getValue("params");
      if (params != null && !(params instanceof JsonObject)) {
        throw ApiError.invalid("params", "params must be an object");
      }
      Map<String, Object> values = params == null ? Map.of() : ((JsonObject) params).getMap();
      text = templates.render(template, language, defaultLanguage, values);
    }
    if (text.isBlank()) {
      throw ApiError.invalid("text", "text is empty");
    }
    if (text.length() > MAX_TEXT) {
      throw new ApiError(422, "text_too_long", "text is longer than " + MAX_TEXT + " characters", "text");
    }
    return text;
  }

  private static Priority priority(String value) {
    if (value == null) {
      return Priority.NORMAL;
    }
    try {
      return Priority.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiError.invalid("priority", "priority must be alert, reply, normal or bulk");
    }
  }

  private static boolean bool(JsonObject body, String field, boolean fallback) {
    Object v = body.getValue(field);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Boolean b)) {
      throw ApiError.invalid(field, field + " must be true or false");
    }
    return b;
  }

  private static Duration validity(Object value) {
    if (value == null) {
      return null;
    }
    Duration d;
    try {
      d = value instanceof Number n ? Duration.ofSeconds(n.longValue()) : Durations.parse(String.valueOf(value));
    } catch (IllegalArgumentException e) {
      throw ApiError.invalid("validity", "validity must be seconds or a duration such as 2h");
    }
    if (d.isNegative() || d.isZero() || d.compareTo(MAX_VALIDITY) > 0) {
      throw ApiError.invalid("validity", "validity must be between 1 s and 7 days");
    }
    return d;
  }

  private static Instant scheduleAt(String value) {
    if (value == null) {
      return null;
    }
    Instant at;
    try {
      at = OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiError.invalid("schedule_at", "schedule_at must be a time such as 2026-11-24T08:00:00+01:00");
    }
    if (at.isAfter(Instant.now().plus(MAX_VALIDITY))) {
      throw ApiError.invalid("schedule_at", "schedule_at must be within 7 days");
    }
    return at.isAfter(Instant.now()) ? at : null;
  }

  void get(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    messages.find(id).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(ApiError.notFound("message " + id));
      }
      OutboundMessage m = found.get();
      return messages.history(id).compose(history -> messages.smscIds(id).map(ids -> {
        JsonArray events = new JsonArray();
        history.forEach(e -> events.add(new JsonObject().put("state", e.state().label()).put("at", Json.time(e.at()))
            .put("detail", e.detail())));
        return new JsonObject()
            .put("id", m.id())
            .put("to", m.request().destination())
            .put("text", m.request().body())
            .put("language", m.request().language())
            .put("priority", m.request().priority().name().toLowerCase(Locale.ROOT))
            .put("state", m.state().label())
            .put("parts", m.request().parts())
            .put("bind", m.bind())
            .put("error", m.error())
            .put("attempts", m.attempts())
            .put("smsc_message_ids", new JsonArray(ids))
            .put("created_at", Json.time(m.createdAt()))
            .put("updated_at", Json.time(m.updatedAt()))
            .put("history", events);
      }));
    }).onSuccess(body -> Json.send(ctx, 200, body)).onFailure(ctx::fail);
  }
}
