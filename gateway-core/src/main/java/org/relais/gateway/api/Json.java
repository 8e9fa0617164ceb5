package org.relais.gateway.api;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;

/** Reading requests (bodies, the Idempotency-Key header) and writing responses. */
final class Json {

  private static final int MAX_IDEMPOTENCY_KEY = 200;

  private Json() {}

  /** The request's {@code Idempotency-Key}: null without one; 1 to 200 printable ASCII characters, else 400. */
  static String idempotencyKey(RoutingContext ctx) {
    String key = ctx.request().getHeader("Idempotency-Key");
    if (key == null) {
      return null;
    }
    if (key.isBlank() || key.length() > MAX_IDEMPOTENCY_KEY || !key.chars().allMatch(ch -> ch > 0x20 && ch < 0x7F)) {
      throw ApiError.invalid("Idempotency-Key", "Idempotency-Key must be 1 to " + MAX_IDEMPOTENCY_KEY
          + " printable ASCII characters");
    }
    return key;
  }

  static JsonObject body(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (type != null && !type.toLowerCase().startsWith("application/json")) {
      throw new ApiError(415, "unsupported_media_type", "send application/json", null);
    }
    try {
      Object parsed = ctx.body().buffer() == null ? null : io.vertx.core.json.Json.decodeValue(ctx.body().buffer());
      if (parsed instanceof JsonObject object) {
        return object;
      }
      throw ApiError.badRequest("invalid_json", "the body must be a JSON object");
    } catch (DecodeException e) {
      throw ApiError.badRequest("invalid_json", "the body is not valid JSON");
    }
  }

  static void send(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
        .end(body.encode());
  }

  static String time(Instant t) {
    return t == null ? null : t.toString();
  }

  /** A string field, or null; anything else than a string is a 422 naming the field. */
  static String text(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw ApiError.invalid(field, field + " must be a string");
    }
    return s;
  }
}
