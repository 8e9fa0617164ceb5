package org.relais.gateway.api;

import io.vertx.core.json.JsonObject;

/** An API failure with its HTTP status, a stable code, a message for people and, when one is at fault, the field. */
public final class ApiError extends RuntimeException {

  private final int status;
  private final String code;
  private final String field;

  public ApiError(int status, String code, String message, String field) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.field = field;
  }

  public static ApiError badRequest(String code, String message) {
    return new ApiError(400, code, message, null);
  }

  public static ApiError invalid(String field, String message) {
    return new ApiError(422, "invalid_field", message, field);
  }

  public static ApiError notFound(String what) {
    return new ApiError(404, "not_found", what + " not found", null);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public JsonObject body() {
    JsonObject error = new JsonObject().put("code", code).put("message", getMessage());
    if (field != null) {
      error.put("field", field);
    }
    return new JsonObject().put("error", error);
  }
}
