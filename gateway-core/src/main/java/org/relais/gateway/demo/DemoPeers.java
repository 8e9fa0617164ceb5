package org.relais.gateway.demo;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.relais.gateway.subscribers.PhoneNumbers;
import org.relais.sms.simulator.SmscSimulator;

/**
 * The demo's outside world, on loopback: the SMSC simulator, and one HTTP server with the core
 * stubs ({@code /core} for relais-json, {@code /open311} for Open311), {@code POST /demo/sms}
 * ({@code {from, text}}), which delivers a citizen's text through the simulator and answers with
 * the replies the citizen receives, and {@code POST /demo/cases/{id}/status}, which changes a
 * case at the core as its staff would.
 */
public final class DemoPeers implements AutoCloseable {

  private static final Duration FIRST_REPLY = Duration.ofSeconds(15);
  private static final Duration QUIET = Duration.ofMillis(1500);

  private final Vertx vertx;
  private final SmscSimulator smsc;
  private final CoreStub core;
  private final Open311Stub open311;
  private final HttpServer http;
  private final String shortCode;
  private final WebClient client;
  private volatile String webhookBase;
  private volatile String webhookToken;

  private DemoPeers(Vertx vertx, SmscSimulator smsc, CoreStub core, Open311Stub open311, HttpServer http,
      String shortCode) {
    this.vertx = vertx;
    this.smsc = smsc;
    this.core = core;
    this.open311 = open311;
    this.http = http;
    this.shortCode = shortCode;
    this.client = WebClient.create(vertx);
  }

  /**
   * Starts the simulator on {@code smscPort} and the HTTP peers on {@code httpPort} (0: any free
   * port); the Open311 stub offers {@code serviceCodes}.
   */
  public static DemoPeers start(int smscPort, int httpPort, String shortCode, List<String> serviceCodes)
      throws Exception {
    SmscSimulator smsc = new SmscSimulator(smscPort, Duration.ofMillis(300), true).start();
    Vertx vertx = Vertx.vertx();
    CoreStub core = new CoreStub(Duration.ofDays(3));
    Open311Stub open311 = new Open311Stub(serviceCodes, null);
    Router router = Router.router(vertx);
    core.mount(router, "/core");
    open311.mount(router, "/open311");
    DemoPeers[] self = new DemoPeers[1];
    router.post("/demo/*").handler(BodyHandler.create().setBodyLimit(64 * 1024));
    router.post("/demo/sms").handler(ctx -> self[0].sms(ctx));
    router.post("/demo/cases/:id/status").handler(ctx -> self[0].status(ctx));
    HttpServer http = vertx.createHttpServer().requestHandler(router)
        .listen(httpPort, "127.0.0.1").await(30, TimeUnit.SECONDS);
    self[0] = new DemoPeers(vertx, smsc, core, open311, http, shortCode);
    return self[0];
  }

  /** Where the relais-json core stub reports status changes: the gateway's API and a token with the core role. */
  public void webhook(String relaisBaseUrl, String coreToken) {
    this.webhookBase = relaisBaseUrl;
    this.webhookToken = coreToken;
  }

  public String open311BaseUrl() {
    return "http://127.0.0.1:" + httpPort() + "/open311";
  }

  public Open311Stub open311() {
    return open311;
  }

  /**
   * {@code POST /demo/cases/{id}/status {status, note}}: the core's staff change a case. The
   * relais-json stub calls Relais's webhook; the Open311 stub records an update Relais will poll.
   */
  private void status(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    JsonObject body = ctx.body().asJsonObject();
    String status = body == null ? null : body.getString("status");
    String note = body == null ? null : body.getString("note");
    if (status == null || status.isBlank()) {
      ctx.response().setStatusCode(400).end(new JsonObject().put("error", "give a status").encode());
      return;
    }
    if (open311.requests().containsKey(id)) {
      open311.update(id, status, note);
      ctx.response().putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("open311", id).put("status", status).put("relais", "polls it").encode());
      return;
    }
    if (core.setStatus(id, status) == null) {
      ctx.response().setStatusCode(404).end(new JsonObject().put("error", "no case " + id).encode());
      return;
    }
    client.postAbs(webhookBase + "/api/v1/cases/" + id + "/status")
        .putHeader("Authorization", "Bearer " + webhookToken)
        .sendJsonObject(new JsonObject().put("status", status).put("note", note))
        .onSuccess(r -> ctx.response().setStatusCode(r.statusCode()).putHeader("Content-Type", "application/json")
            .end(r.bodyAsString()))
        .onFailure(e -> ctx.response().setStatusCode(502).end(new JsonObject().put("error", e.getMessage()).encode()));
  }

  public int smscPort() {
    return smsc.port();
  }

  public int httpPort() {
    return http.actualPort();
  }

  public String coreBaseUrl() {
    return "http://127.0.0.1:" + httpPort() + "/core";
  }

  public SmscSimulator smsc() {
    return smsc;
  }

  public CoreStub core() {
    return core;
  }

  private void sms(RoutingContext ctx) {
    JsonObject body = ctx.body().asJsonObject();
    String from = body == null ? null : PhoneNumbers.normalize(body.getString("from")).orElse(null);
    String text = body == null ? null : body.getString("text");
    if (from == null || text == null || text.isEmpty()) {
      ctx.response().setStatusCode(400).end(new JsonObject().put("error", "give from (a phone number) and text").encode());
      return;
    }
    Thread.ofVirtual().name("demo-sms").start(() -> {
      JsonObject answer;
      int status = 200;
      try {
        answer = new JsonObject().put("replies", new JsonArray(deliverAndCollect(from, text)));
      } catch (Exception e) {
        status = 502;
        answer = new JsonObject().put("error", e.getMessage());
      }
      int s = status;
      JsonObject a = answer;
      ctx.vertx().runOnContext(v -> ctx.response().setStatusCode(s).putHeader("Content-Type", "application/json")
          .end(a.encode()));
    });
  }

  /** Waits until {@code count} messages went to {@code number} (any text), and returns them all. */
  public List<String> awaitMessagesTo(String number, int count, Duration timeout) throws InterruptedException {
    long end = System.currentTimeMillis() + timeout.toMillis();
    while (true) {
      List<String> texts = smsc.submitted().stream()
          .filter(m -> m.destination().equals(number) || m.destination().equals(number.replace("+", "")))
          .map(SmscSimulator.Submitted::text).toList();
      if (texts.size() >= count || System.currentTimeMillis() > end) {
        return texts;
      }
      Thread.sleep(50);
    }
  }

  /** Delivers a citizen's text and returns the texts sent back to that citizen within a short while. */
  public List<String> deliverAndCollect(String from, String text) throws Exception {
    List<String> replies = new CopyOnWriteArrayList<>();
    CountDownLatch first = new CountDownLatch(1);
    Runnable stop = smsc.onSubmitted(m -> {
      if (m.destination().equals(from) || m.destination().equals(from.replace("+", ""))) {
        replies.add(m.text());
        first.countDown();
      }
    });
    try {
      smsc.deliver(from, shortCode, text);
      if (!first.await(FIRST_REPLY.toMillis(), TimeUnit.MILLISECONDS)) {
        return List.of();
      }
      int seen;
      do {
        seen = replies.size();
        Thread.sleep(QUIET.toMillis());
      } while (replies.size() != seen);
      return List.copyOf(replies);
    } finally {
      stop.run();
    }
  }

  @Override
  public void close() {
    smsc.close();
    try {
      vertx.close().await(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the demo peers did not stop within 30 s", e);
    }
  }
}
