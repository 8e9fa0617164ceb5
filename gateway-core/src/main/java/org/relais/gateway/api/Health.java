package org.relais.gateway.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Supplier;
import org.relais.gateway.handoff.HandoffWorker;
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
  private final Supplier<List<BindStatus>> binds;
  private final HandoffWorker handoff;
  private final Supplier<Integer> activeCalls;

  Health(Store store, Supplier<List<BindStatus>> binds, HandoffWorker handoff, Supplier<Integer> activeCalls) {
    this.store = store;
    this.binds = binds;
    this.handoff = handoff;
    this.activeCalls = activeCalls;
  }

  void handle(RoutingContext ctx) {
    Store.StoreHealth s = store.health();
    List<BindStatus> bindList = binds.get();
    HandoffWorker.CoreStatus core = handoff.status();
    boolean anyBound = bindList.stream().anyMatch(b -> b.state() == BindState.BOUND);
    String status = !s.up() ? "down" : anyBound && core.reachable() ? "up" : "degraded";
    JsonArray bindsJson = new JsonArray();
    for (BindStatus b : bindList) {
      bindsJson.add(new JsonObject()
          .put("name", b.name())
          .put("state", b.state().name().toLowerCase())
          .put("window_in_use", b.windowInUse())
          .put("window", b.windowSize())
          .put("queued", b.queued())
          .put("submitted", b.submitted())
          .put("throttled", b.throttled())
          .put("failed", b.failed())
          .put("received", b.received())
          .put("receipts", b.receipts()));
    }
    JsonObject body = new JsonObject()
        .put("status", status)
        .put("store", new JsonObject().put("up", s.up()).put("path", s.location()).put("schema_version", s.schemaVersion())
            .put("last_error", s.lastError()))
        .put("smpp", bindsJson)
        .put("core", new JsonObject().put("protocol", core.protocol()).put("base_url", core.baseUrl())
            .put("reachable", core.reachable()).put("last_contact", Json.time(core.lastContact()))
            .put("last_error", core.lastError()))
        .put("ivr", new JsonObject().put("active_calls", activeCalls.get()));
    Json.send(ctx, s.up() ? 200 : 503, body);
  }
}
