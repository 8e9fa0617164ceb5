package org.relais.gateway.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.relais.gateway.cases.CaseFollowUp;
import org.relais.gateway.cases.CaseRecord;
import org.relais.gateway.cases.CaseStore;
import org.relais.gateway.cases.StatusEntry;

/**
 * Cases: {@code GET /api/v1/cases/{ref}} (what Relais knows of a case), {@code POST
 * /api/v1/cases/{ref}/status} (the core reports a status; the citizen is told when it changed),
 * {@code GET /api/v1/cases?handoff=dead} (the dead letters) and {@code POST
 * /api/v1/cases/{ref}/handoff/retry} (send a dead letter again).
 */
final class CasesApi {

  private static final int MAX_NOTE = 2000;

  private final CaseStore cases;
  private final CaseFollowUp followUp;

  CasesApi(CaseStore cases, CaseFollowUp followUp) {
    this.cases = cases;
    this.followUp = followUp;
  }

  void get(RoutingContext ctx) {
    String ref = ctx.pathParam("ref");
    cases.findByReference(ref)
        .compose(found -> found.isEmpty() ? Future.failedFuture(ApiError.notFound("case " + ref)) : describe(found.get()))
        .onSuccess(body -> Json.send(ctx, 200, body))
        .onFailure(ctx::fail);
  }

  private Future<JsonObject> describe(CaseRecord c) {
    return cases.history(c.id()).compose(history -> cases.outbox(c.id()).map(outbox -> {
      JsonArray statuses = new JsonArray();
      for (StatusEntry e : history) {
        statuses.add(new JsonObject().put("status", e.status()).put("note", e.note()).put("at", Json.time(e.at()))
            .put("source", e.source()).put("notified_message_id", e.notifiedMessageId()));
      }
      JsonObject handoff = new JsonObject().put("state", c.handoffState().label()).put("core_id", c.coreId())
          .put("core_token", c.coreToken());
      outbox.ifPresent(o -> handoff.put("attempts", o.attempts()).put("last_error", o.lastError())
          .put("next_attempt_at", o.state() == org.relais.gateway.cases.HandoffState.PENDING
              ? Json.time(o.nextAttemptAt()) : null));
      return new JsonObject()
          .put("id", c.id())
          .put("tracking_number", c.trackingNumber())
          .put("core_tracking_number", c.coreTracking())
          .put("channel", c.request().channel().label())
          .put("msisdn", c.request().msisdn())
          .put("language", c.request().language())
          .put("category", c.request().category())
          .put("description", c.request().description())
          .put("recording", c.request().recording())
          .put("received_at", Json.time(c.request().receivedAt()))
          .put("status", c.status() == null ? "received" : c.status())
          .put("expected_response", Json.time(c.expectedResponse()))
          .put("acknowledged_at", Json.time(c.dates().acknowledgedAt()))
          .put("ack_message_id", c.ackMessageId())
          .put("first_status_at", Json.time(c.dates().firstStatusAt()))
          .put("answered_at", Json.time(c.dates().answeredAt()))
          .put("sla_breached_at", Json.time(c.dates().slaBreachedAt()))
          .put("handoff", handoff)
          .put("history", statuses);
    }));
  }

  void status(RoutingContext ctx) {
    String ref = ctx.pathParam("ref");
    JsonObject body = Json.body(ctx);
    String status = Json.text(body, "status");
    if (status == null || status.isBlank() || status.length() > 64) {
      throw ApiError.invalid("status", "status must be a word such as in_progress or resolved (at most 64 characters)");
    }
    String note = Json.text(body, "note");
    if (note != null && note.length() > MAX_NOTE) {
      throw ApiError.invalid("note", "note is longer than " + MAX_NOTE + " characters");
    }
    Instant at = instant(body, "updated_at");
    CaseStore.StatusReport report = new CaseStore.StatusReport(status, note, at == null ? Instant.now() : at, "webhook");
    followUp.report(ref, report).compose(outcome -> outcome.isEmpty()
            ? Future.failedFuture(ApiError.notFound("case " + ref))
            : Future.succeededFuture(outcome.get()))
        .onSuccess(o -> Json.send(ctx, 200, new JsonObject()
            .put("tracking_number", o.record().trackingNumber())
            .put("status", o.record().status())
            .put("changed", o.changed())
            .put("notified_message_id", o.notifiedMessageId())))
        .onFailure(ctx::fail);
  }

  void list(RoutingContext ctx) {
    String handoff = ctx.queryParams().get("handoff");
    if (!"dead".equals(handoff)) {
      throw ApiError.invalid("handoff", "list cases with ?handoff=dead (the dead letters)");
    }
    cases.dead(500).compose(dead -> {
      Future<JsonArray> all = Future.succeededFuture(new JsonArray());
      for (CaseRecord c : dead) {
        all = all.compose(array -> describe(c).map(array::add));
      }
      return all;
    }).onSuccess(array -> Json.send(ctx, 200, new JsonObject().put("cases", array))).onFailure(ctx::fail);
  }

  void retry(RoutingContext ctx) {
    String ref = ctx.pathParam("ref");
    cases.findByReference(ref).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(ApiError.notFound("case " + ref));
      }
      return cases.retryHandoff(found.get().id()).compose(retried -> retried
          ? Future.succeededFuture(found.get())
          : Future.failedFuture(new ApiError(409, "not_dead", "the case is not dead-lettered", null)));
    }).onSuccess(c -> Json.send(ctx, 202, new JsonObject().put("tracking_number", c.trackingNumber())
        .put("handoff", "pending"))).onFailure(ctx::fail);
  }

  private static Instant instant(JsonObject body, String field) {
    String text = Json.text(body, field);
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiError.invalid(field, field + " must be an ISO 8601 date-time such as 2026-11-23T10:15:00Z");
    }
  }
}
