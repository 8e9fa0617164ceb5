package org.relais.gateway.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;
import org.relais.gateway.handoff.HandoffWorker;
import org.relais.gateway.sms.SmsReport;
import org.relais.gateway.store.Store;
import org.relais.sms.smpp.BindState;
import org.relais.sms.smpp.BindStatus;

/**
 * {@code GET /health}: the store, each SMSC bind and the core's reachability. 200 with
 * {@code up} when all is well, 200 with {@code degraded} when messages are still accepted (the
 * store works) but a bind or the core is down, 503 when the store is down.
 */
final class Health {

  private final Store store;
  private final Supplier<SmsReport> sms;
  private final HandoffWorker handoff;
  private final Supplier<Integer> activeCalls;

  Health(Store store, Supplier<SmsReport> sms, HandoffWorker handoff, Supplier<Integer> activeCalls) {
    this.store = store;
    this.sms = sms;
    this.handoff = handoff;
    this.activeCalls = activeCalls;
  }

  void handle(RoutingContext ctx) {
    Store.StoreHealth s = store.health();
    SmsReport report = sms.get();
    HandoffWorker.CoreStatus core = handoff.status();
    boolean allBound = report.binds().stream().allMatch(b -> b.status().state() == BindState.BOUND);
    String status = !s.up() ? "down" : allBound && core.reachable() ? "up" : "degraded";
    JsonArray bindsJson = new JsonArray();
    for (SmsReport.Bind bind : report.binds()) {
      bindsJson.add(bind(bind));
    }
    JsonObject body = new JsonObject()
        .put("status", status)
        .put("store", new JsonObject().put("up", s.up()).put("path", s.location()).put("schema_version", s.schemaVersion())
            .put("last_error", s.lastError()))
        .put("smpp", bindsJson)
        .put("outbound", new JsonObject().put("in_flight", report.inFlight()).put("max_in_flight", report.maxInFlight())
            .put("waiting_for_a_bind", report.parked()))
        .put("core", new JsonObject().put("protocol", core.protocol()).put("base_url", core.baseUrl())
            .put("reachable", core.reachable()).put("last_contact", Json.time(core.lastContact()))
            .put("last_error", core.lastError()))
        .put("ivr", new JsonObject().put("active_calls", activeCalls.get()));
    Json.send(ctx, s.up() ? 200 : 503, body);
  }

  private static JsonObject bind(SmsReport.Bind bind) {
    BindStatus b = bind.status();
    JsonArray sessions = new JsonArray();
    b.sessions().forEach(x -> sessions.add(new JsonObject().put("type", x.type())
        .put("state", x.state().name().toLowerCase()).put("last_failure", x.lastFailure())));
    return new JsonObject()
        .put("name", b.name())
        .put("group", b.group())
        .put("state", b.state().name().toLowerCase())
        .put("sessions", sessions)
        .put("window_in_use", b.windowInUse())
        .put("window", b.windowSize())
        .put("queued", b.queued())
        .put("submitted", b.submitted())
        .put("submits_per_second", round(b.submitRate()))
        .put("allowed_per_second", round(b.allowedRate()))
        .put("throttled", b.throttled())
        .put("rejected", b.rejected())
        .put("failed", b.failed())
        .put("received", b.received())
        .put("receipts", b.receipts())
        .put("malformed", b.malformed())
        .put("receipt_latency_ms", new JsonObject()
            .put("p50", Double.isNaN(bind.receiptP50Ms()) ? null : Math.round(bind.receiptP50Ms()))
            .put("p99", Double.isNaN(bind.receiptP99Ms()) ? null : Math.round(bind.receiptP99Ms()))
            .put("matched", bind.receiptsMatched()));
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
