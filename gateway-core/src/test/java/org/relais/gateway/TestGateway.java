package org.relais.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.relais.gateway.config.ConfigLoader;
import org.relais.gateway.demo.CoreStub;
import org.relais.sms.smpp.TestSmsc;

/**
 * A whole gateway for end-to-end tests, on free loopback ports: its first SMSC bind is an SMSC
 * built on cloudhopper ({@link TestSmsc}), its core system a {@link CoreStub} behind a real HTTP
 * server, its store a file in a temporary folder.
 */
public final class TestGateway implements AutoCloseable {

  public static final String ADMIN = "test-admin-token";
  public static final String SENDER = "test-sender-token";
  public static final String CORE = "test-core-token";

  public final TestSmsc smsc;
  public final CoreStub core;
  public final Gateway gateway;
  private final Vertx peers;
  private final Path store;
  private final HttpClient http = HttpClient.newHttpClient();

  private TestGateway(TestSmsc smsc, CoreStub core, Vertx peers, Gateway gateway, Path store) {
    this.smsc = smsc;
    this.core = core;
    this.peers = peers;
    this.gateway = gateway;
    this.store = store;
  }

  public static TestGateway start(Path dir) throws Exception {
    return start(dir, Map.of());
  }

  public static TestGateway start(Path dir, Map<String, String> extraEnv) throws Exception {
    return start(dir, extraEnv, java.time.Clock.systemUTC());
  }

  /** A gateway whose opening hours read {@code clock}. */
  public static TestGateway start(Path dir, Map<String, String> extraEnv, java.time.Clock clock) throws Exception {
    TestSmsc smsc = TestSmsc.start();
    Vertx peers = Vertx.vertx();
    CoreStub core = new CoreStub(Duration.ofDays(3));
    Router router = Router.router(peers);
    core.mount(router, "/core");
    HttpServer server = peers.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .await(10, TimeUnit.SECONDS);
    Map<String, String> env = new HashMap<>();
    env.put("RELAIS_HTTP_PORT", "0");
    env.put("RELAIS_AGI_PORT", "0");
    env.put("RELAIS_STORE_PATH", dir.resolve("relais.db").toString());
    env.put("RELAIS_STORE_SYNCHRONOUS", "normal");
    env.put("RELAIS_SMPP_HOST", "127.0.0.1");
    env.put("RELAIS_SMPP_PORT", String.valueOf(smsc.port()));
    env.put("RELAIS_SMPP_RECONNECT_MIN", "100ms");
    env.put("RELAIS_CORE_BASE_URL", "http://127.0.0.1:" + server.actualPort() + "/core");
    env.put("RELAIS_CORE_INITIAL_BACKOFF", "100ms");
    env.put("RELAIS_CORE_MAX_BACKOFF", "500ms");
    env.put("RELAIS_API_TOKENS", ADMIN + ":admin," + SENDER + ":sender," + CORE + ":core");
    env.putAll(extraEnv);
    Gateway gateway = Gateway.start(ConfigLoader.embedded(env), clock);
    smsc.awaitBound(10_000);
    return new TestGateway(smsc, core, peers, gateway, dir.resolve("relais.db"));
  }

  /** Sends a request to the API; {@code token} may be null. */
  public HttpResponse<String> api(String method, String path, String token, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort() + path))
        .timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  public static JsonObject json(HttpResponse<String> response) {
    return new JsonObject(response.body());
  }

  /** Rows of a query on the store file, read with a connection of its own (what is committed). */
  public List<Map<String, Object>> query(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<Map<String, Object>> rows = new ArrayList<>();
      while (rs.next()) {
        Map<String, Object> row = new HashMap<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  /** Waits until {@code condition} holds, or fails after {@code ms}. */
  public static void await(String what, long ms, BooleanSupplier condition) throws InterruptedException {
    long end = System.currentTimeMillis() + ms;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > end) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  @Override
  public void close() throws Exception {
    gateway.close();
    smsc.close();
    peers.close().await(10, TimeUnit.SECONDS);
  }
}
