package org.relais.gateway.reliability;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.relais.gateway.TestGateway;
import org.relais.gateway.demo.CoreStub;
import org.relais.sms.smpp.TestSmsc;

/**
 * What a gateway in another JVM talks to, kept in the test's JVM so that they outlive its crashes:
 * an SMSC on cloudhopper ({@link TestSmsc}) and a core system ({@link CoreStub}) behind a real HTTP
 * server, both on loopback.
 */
final class Peers implements AutoCloseable {

  final TestSmsc smsc;
  final CoreStub core;
  private final Vertx vertx;
  private final HttpServer server;

  private Peers(TestSmsc smsc, CoreStub core, Vertx vertx, HttpServer server) {
    this.smsc = smsc;
    this.core = core;
    this.vertx = vertx;
    this.server = server;
  }

  static Peers start() throws Exception {
    TestSmsc smsc = TestSmsc.start();
    Vertx vertx = Vertx.vertx();
    CoreStub core = new CoreStub(Duration.ofDays(3));
    Router router = Router.router(vertx);
    core.mount(router, "/core");
    HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .await(10, TimeUnit.SECONDS);
    return new Peers(smsc, core, vertx, server);
  }

  /** The variables that point a gateway at these peers, with {@code extra} over them. */
  Map<String, String> env(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>();
    env.put("RELAIS_SMPP_HOST", "127.0.0.1");
    env.put("RELAIS_SMPP_PORT", String.valueOf(smsc.port()));
    env.put("RELAIS_CORE_BASE_URL", "http://127.0.0.1:" + server.actualPort() + "/core");
    env.put("RELAIS_API_TOKENS", TestGateway.ADMIN + ":admin," + TestGateway.SENDER + ":sender");
    env.putAll(extra);
    return env;
  }

  @Override
  public void close() throws Exception {
    smsc.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }
}
