package org.relais.gateway.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import org.relais.gateway.alerts.AlertException;
import org.relais.gateway.alerts.AlertProgress;
import org.relais.gateway.alerts.AlertRecord;
import org.relais.gateway.alerts.AlertService;
import org.relais.gateway.alerts.AlertStore;
import org.relais.gateway.alerts.cap.CapAlert;
import org.relais.gateway.alerts.cap.CapException;
import org.relais.gateway.alerts.cap.CapJson;
import org.relais.gateway.alerts.cap.CapXml;
import org.relais.gateway.config.ApiTokens;
import org.relais.gateway.config.Role;

/**
 * {@code POST /api/v1/alerts} (CAP 1.2 XML or JSON; {@code ?dry_run=true} counts recipients and
 * sends nothing), {@code GET /api/v1/alerts/{id}} (progress per channel, time left) and
 * {@code POST /api/v1/alerts/{id}/cancel}. An alert above {@code alerts.approval_threshold}
 * recipients needs a second token with the approver role in {@code X-Approver-Token}.
 */
final class AlertsApi {

  static final String APPROVER_HEADER = "X-Approver-Token";

  private final AlertService alerts;
  private final ApiTokens tokens;
  private final int totalTps;

  AlertsApi(AlertService alerts, ApiTokens tokens, int totalTps) {
    this.alerts = alerts;
    this.tokens = tokens;
    this.totalTps = Math.max(1, totalTps);
  }

  void create(RoutingContext ctx) {
    CapAlert cap = read(ctx);
    boolean dryRun = "true".equalsIgnoreCase(ctx.request().getParam("dry_run"));
    String requester = Auth.token(ctx);
    String approver = approver(ctx, requester);
    alerts.submit(cap, new AlertService.Approval(fingerprint(requester), approver == null ? null : fingerprint(approver)),
        dryRun).onSuccess(accepted -> {
          JsonObject recipients = new JsonObject();
          accepted.recipients().forEach((channel, n) -> recipients.put(channel.label(), n));
          JsonObject body = new JsonObject().put("recipients", recipients).put("total", accepted.total())
              .put("unreachable", accepted.unreachable());
          if (accepted.voiceUnavailable() != null) {
            body.put("voice_unavailable", accepted.voiceUnavailable());
          }
          if (dryRun) {
            Json.send(ctx, 200, body.put("dry_run", true)
                .put("approval_required", accepted.total() > alerts.config().approvalThreshold()));
            return;
          }
          AlertRecord r = accepted.record();
          body.put("id", r.id()).put("msg_type", cap.msgType().name()).put("status", cap.status().name())
              .put("stopped", accepted.stopped());
          if (!accepted.unknownReferences().isEmpty()) {
            body.put("unknown_references", accepted.unknownReferences());
          }
          ctx.response().putHeader("Location", "/api/v1/alerts/" + r.id());
          Json.send(ctx, 202, body);
        }).onFailure(e -> ctx.fail(translate(e)));
  }

  void get(RoutingContext ctx) {
    alerts.status(ctx.pathParam("id")).onSuccess(found -> {
      if (found.isEmpty()) {
        ctx.fail(ApiError.notFound("alert"));
        return;
      }
      Json.send(ctx, 200, json(found.get()));
    }).onFailure(e -> ctx.fail(translate(e)));
  }

  void cancel(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    alerts.store().find(id).compose(found -> {
      if (found.isEmpty()) {
        throw ApiError.notFound("alert");
      }
      return alerts.cancel(id);
    }).onSuccess(n -> Json.send(ctx, 200, new JsonObject().put("id", id).put("state", "cancelled").put("stopped", n)))
        .onFailure(e -> ctx.fail(translate(e)));
  }

  /** {@code GET /api/v1/alerts/{id}/calls?state=failed&after=+216...&limit=100}: one row per call, by number. */
  void calls(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String stateParam = ctx.request().getParam("state");
    org.relais.gateway.alerts.RecipientState state;
    try {
      state = stateParam == null ? null : org.relais.gateway.alerts.RecipientState.of(stateParam);
    } catch (IllegalArgumentException e) {
      throw ApiError.invalid("state", "state is one of pending, dialling, answered, confirmed, failed, cancelled");
    }
    int limit;
    try {
      limit = Integer.parseInt(ctx.request().getParam("limit", "100"));
    } catch (NumberFormatException e) {
      limit = -1;
    }
    if (limit < 1 || limit > 1000) {
      throw ApiError.invalid("limit", "limit is from 1 to 1000");
    }
    int max = limit;
    alerts.store().find(id).compose(found -> {
      if (found.isEmpty()) {
        throw ApiError.notFound("alert");
      }
      return alerts.store().calls(id, state, ctx.request().getParam("after"), max);
    }).onSuccess(rows -> {
      io.vertx.core.json.JsonArray calls = new io.vertx.core.json.JsonArray();
      rows.forEach(c -> calls.add(new JsonObject().put("msisdn", c.msisdn()).put("language", c.language())
          .put("state", c.state().label()).put("attempts", c.attempts()).put("outcome", c.outcome())
          .put("updated_at", Json.time(c.updatedAt()))));
      JsonObject body = new JsonObject().put("calls", calls);
      if (rows.size() == max) {
        body.put("next", rows.getLast().msisdn());
      }
      Json.send(ctx, 200, body);
    }).onFailure(e -> ctx.fail(translate(e)));
  }

  private JsonObject json(AlertService.Report report) {
    AlertRecord r = report.record();
    AlertProgress p = report.progress();
    long smsQueued = p.sms("queued");
    long voiceLeft = p.voice("pending") + p.voice("dialling");
    long seconds = Math.max((smsQueued + totalTps - 1) / totalTps,
        voiceLeft == 0 ? 0 : (voiceLeft + alerts.config().callsPerSecond() - 1) / alerts.config().callsPerSecond());
    JsonObject sms = new JsonObject().put("targeted", p.smsTotal());
    for (String state : new String[] {"queued", "submitted", "delivered", "failed", "expired", "rejected", "cancelled"}) {
      sms.put(state, p.sms(state));
    }
    sms.put("sent", p.sms("submitted") + p.sms("delivered") + p.sms("failed") + p.sms("expired"));
    JsonObject voice = new JsonObject().put("targeted", p.voiceTotal());
    for (String state : new String[] {"pending", "dialling", "answered", "confirmed", "failed", "cancelled"}) {
      voice.put(state, p.voice(state));
    }
    CapAlert cap = r.cap();
    return new JsonObject().put("id", r.id()).put("identifier", cap.identifier()).put("sender", cap.sender())
        .put("sent", cap.sentText()).put("status", cap.status().name()).put("msg_type", cap.msgType().name())
        .put("state", r.state().label()).put("superseded_by", r.supersededBy())
        .put("requested_by", r.requestedBy()).put("approved_by", r.approvedBy())
        .put("created_at", Json.time(r.createdAt()))
        .put("targeted", p.smsTotal() + p.voiceTotal())
        .put("sms", sms).put("voice", voice)
        .put("calls_answered", p.callsAnswered()).put("calls_confirmed", p.callsConfirmed())
        .put("estimated_seconds_left", r.state().label().equals("sending") || r.state().label().equals("targeting")
            ? seconds : 0);
  }

  private static CapAlert read(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    String media = type == null ? "" : type.split(";")[0].trim().toLowerCase(Locale.ROOT);
    try {
      if (media.equals("application/cap+xml") || media.equals("application/xml") || media.equals("text/xml")) {
        byte[] bytes = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        return CapXml.read(bytes);
      }
      if (media.equals("application/json")) {
        return CapJson.read(Json.body(ctx));
      }
    } catch (CapException e) {
      throw new ApiError(400, "invalid_cap", e.getMessage(), e.path());
    }
    throw new ApiError(415, "unsupported_media_type", "send CAP 1.2 as application/cap+xml or as application/json",
        null);
  }

  /** The approver's token when one is given: it must be known, hold the approver (or admin) role, and not be the requester's. */
  private String approver(RoutingContext ctx, String requester) {
    String token = ctx.request().getHeader(APPROVER_HEADER);
    if (token == null || token.isBlank()) {
      return null;
    }
    token = token.trim();
    Set<Role> roles = tokens.rolesOf(token).orElseThrow(() ->
        new ApiError(403, "approver_invalid", "the approver token is unknown", APPROVER_HEADER));
    if (!roles.contains(Role.APPROVER) && !roles.contains(Role.ADMIN)) {
      throw new ApiError(403, "approver_invalid", "the approver token does not hold the approver role", APPROVER_HEADER);
    }
    if (MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), requester.getBytes(StandardCharsets.UTF_8))) {
      throw new ApiError(403, "approver_invalid", "the second approver must be someone else than the requester",
          APPROVER_HEADER);
    }
    return token;
  }

  /** A short, stable fingerprint of a token for the audit trail; the token itself is never stored. */
  static String fingerprint(String token) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return "token:" + HexFormat.of().formatHex(hash, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Throwable translate(Throwable e) {
    if (e instanceof AlertException a) {
      return new ApiError(a.status(), a.code(), a.getMessage(), a.field());
    }
    if (e instanceof CapException c) {
      return new ApiError(400, "invalid_cap", c.getMessage(), c.path());
    }
    if (e instanceof AlertStore.DuplicateAlert d) {
      return new ApiError(409, "duplicate_alert", d.getMessage(), null);
    }
    return e;
  }

}
