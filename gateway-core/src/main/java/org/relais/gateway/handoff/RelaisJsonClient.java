package org.relais.gateway.handoff;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.relais.gateway.cases.CaseRecord;
import org.relais.gateway.config.CoreConfig;

/**
 * The {@code relais-json} contract: {@code POST {base}/cases} with an {@code Idempotency-Key}
 * header (the case id) and a JSON body; 201, 200 and 409 with the case all mean the core has it.
 */
public final class RelaisJsonClient implements CoreClient {

  private final WebClient client;
  private final CoreConfig config;

  public RelaisJsonClient(Vertx vertx, CoreConfig config) {
    this.config = config;
    this.client = WebClient.create(vertx, new WebClientOptions()
        .setKeepAlive(true)
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.timeout().toMillis()))
        .setUserAgent("Relais"));
  }

  @Override
  public Future<CoreReceipt> submit(CaseRecord record) {
    JsonObject body = body(record);
    return authorized(client.postAbs(config.baseUrl() + "/cases"))
        .putHeader("Idempotency-Key", record.id())
        .putHeader("Content-Type", "application/json")
        .putHeader("Accept", "application/json")
        .sendBuffer(body.toBuffer())
        .recover(e -> Future.failedFuture(new CoreException("core unreachable: " + e.getMessage(), 0, true)))
        .compose(this::receipt);
  }

  private HttpRequest<Buffer> authorized(HttpRequest<Buffer> request) {
    request.timeout(config.timeout().toMillis());
    if (!config.apiKey().isEmpty()) {
      request.putHeader("Authorization", "Bearer " + config.apiKey());
    }
    return request;
  }

  static JsonObject body(CaseRecord record) {
    JsonObject body = new JsonObject()
        .put("channel", record.request().channel().label())
        .put("msisdn", record.request().msisdn())
        .put("language", record.request().language())
        .put("description", record.request().description())
        .put("received_at", record.request().receivedAt().toString())
        .put("tracking_number", record.trackingNumber());
    if (record.request().category() != null) {
      body.put("category", record.request().category());
    }
    if (record.request().recording() != null) {
      body.put("recording_url", record.request().recording());
    }
    return body;
  }

  private Future<CoreReceipt> receipt(HttpResponse<Buffer> response) {
    int status = response.statusCode();
    if (status == 200 || status == 201 || status == 409) {
      JsonObject json;
      try {
        json = response.body() == null || response.body().length() == 0 ? new JsonObject() : response.bodyAsJsonObject();
      } catch (RuntimeException e) {
        if (status == 409) {
          return Future.succeededFuture(CoreReceipt.id(null, null, null));
        }
        return Future.failedFuture(new CoreException("core answered " + status + " with a body that is not JSON",
            status, true));
      }
      String caseId = json.getValue("case_id") == null ? null : String.valueOf(json.getValue("case_id"));
      if (caseId == null && status != 409) {
        return Future.failedFuture(new CoreException("core answered " + status + " without case_id", status, true));
      }
      return Future.succeededFuture(CoreReceipt.id(caseId, text(json, "tracking_number"),
          instant(json.getValue("expected_response"))));
    }
    String detail = response.bodyAsString() == null ? "" : response.bodyAsString();
    return Future.failedFuture(new CoreException("core answered " + status + ": "
        + (detail.length() > 200 ? detail.substring(0, 200) : detail), status, CoreException.isRetryable(status)));
  }

  private static String text(JsonObject json, String key) {
    Object v = json.getValue(key);
    return v == null || String.valueOf(v).isBlank() ? null : String.valueOf(v);
  }

  /** An ISO 8601 date, with or without offset; null when absent or unreadable (the announced delay then applies). */
  static Instant instant(Object value) {
    String text = value == null ? null : String.valueOf(value);
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  @Override
  public Future<Boolean> probe() {
    return authorized(client.getAbs(config.baseUrl() + "/cases"))
        .send()
        .map(r -> true)
        .otherwise(false);
  }
}
