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
import org.relais.gateway.demo.Open311Stub;
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
  public final Open311Stub open311;
  public final Gateway gateway;
  private final Vertx peers;
  private final Path store;
  private final Map<String, String> env;
  private final java.time.Clock clock;
  private final HttpClient http = HttpClient.newHttpClient();

  private TestGateway(TestSmsc smsc, CoreStub core, Open311Stub open311, Vertx peers, Gateway gateway, Path store,
      Map<String, String> env, java.time.Clock clock) {
    this.smsc = smsc;
    this.core = core;
    this.open311 = open311;
    this.peers = peers;
    this.gateway = gateway;
    this.store = store;
    this.env = env;
    this.clock = clock;
  }

  public static TestGateway start(Path dir) throws Exception {
    return start(dir, Map.of());
  }

  public static TestGateway start(Path dir, Map<String, String> extraEnv) throws Exception {
    return start(dir, extraEnv, true, java.time.Clock.systemUTC());
  }

  /** A gateway whose opening hours read {@code clock}. */
  public static TestGateway start(Path dir, Map<String, String> extraEnv, java.time.Clock clock) throws Exception {
    return start(dir, extraEnv, true, clock);
  }

  /** A gateway whose SMSC may refuse it for now ({@code awaitBound} false: do not wait for the bind). */
  public static TestGateway start(Path dir, Map<String, String> extraEnv, boolean awaitBound) throws Exception {
    return start(dir, extraEnv, awaitBound, java.time.Clock.systemUTC());
  }

  private static TestGateway start(Path dir, Map<String, String> extraEnv, boolean awaitBound, java.time.Clock clock)
      throws Exception {
    TestSmsc smsc = TestSmsc.start();
    Vertx peers = Vertx.vertx();
    CoreStub core = new CoreStub(Duration.ofDays(3));
    Open311Stub open311 = new Open311Stub(List.of("water", "electricity", "gas", "roads", "lighting", "waste",
        "green_spaces", "appointment", "general"), "open311-key");
    Router router = Router.router(peers);
    core.mount(router, "/core");
    open311.mount(router, "/open311");
    HttpServer server = peers.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .await(10, TimeUnit.SECONDS);
    Map<String, String> env = new HashMap<>();
    env.put("RELAIS_SMPP_RESPONSE_TIMEOUT", "3s");
    env.put("RELAIS_HTTP_PORT", "0");
    env.put("RELAIS_AGI_PORT", "0");
    env.put("RELAIS_STORE_PATH", dir.resolve("relais.db").toString());
    env.put("RELAIS_STORE_SYNCHRONOUS", "normal");
    env.put("RELAIS_SMPP_HOST", "127.0.0.1");
    env.put("RELAIS_SMPP_PORT", String.valueOf(smsc.port()));
    env.put("RELAIS_SMPP_RECONNECT_MIN", "100ms");
    boolean useOpen311 = "open311".equals(extraEnv.get("RELAIS_CORE_PROTOCOL"));
    env.put("RELAIS_CORE_BASE_URL", "http://127.0.0.1:" + server.actualPort() + (useOpen311 ? "/open311" : "/core"));
    if (useOpen311) {
      env.put("RELAIS_CORE_API_KEY", "open311-key");
      env.put("RELAIS_CORE_POLL_INTERVAL", "200ms");
    }
    env.put("RELAIS_CORE_INITIAL_BACKOFF", "100ms");
    env.put("RELAIS_CORE_MAX_BACKOFF", "500ms");
    env.put("RELAIS_API_RATE_PER_SECOND", "0");
    env.put("RELAIS_API_TOKENS", ADMIN + ":admin," + SENDER + ":sender," + CORE + ":core");
    env.putAll(extraEnv);
    Gateway gateway = Gateway.start(ConfigLoader.embedded(env), clock);
    if (awaitBound) {
      smsc.awaitBound(10_000);
    }
    return new TestGateway(smsc, core, open311, peers, gateway, dir.resolve("relais.db"), Map.copyOf(env), clock);
  }

  /**
   * Stops this gateway (cleanly: submits in flight finish, the binds unbind) and starts another on
   * the same store, SMSC and core, as an operator's restart would; close the one returned.
   */
  public TestGateway restart() throws Exception {
    gateway.close();
    Gateway next = Gateway.start(ConfigLoader.embedded(env), clock);
    return new TestGateway(smsc, core, open311, peers, next, store, env, clock);
  }

  /** Stops the gateway only, leaving the SMSC and the core running; for tests that look at what stayed. */
  public void stopGateway() {
    gateway.close();
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

  /** A citizen's text through the SMSC: GSM when it fits, else UCS2; returns the command_status of the resp. */
  public int citizenSends(String from, String text) throws Exception {
    boolean gsm = org.relais.sms.encoding.Gsm7.canEncode(text);
    byte[] body = gsm ? org.relais.sms.encoding.Gsm7.encode(text)
        : text.getBytes(java.nio.charset.StandardCharsets.UTF_16BE);
    return smsc.deliver(TestSmsc.deliverSm(from, "1234", (byte) (gsm ? 0 : 8), body), 10_000);
  }

  /** The {@code index}-th message the SMSC received (parts joined), checking it went to {@code msisdn}. */
  public TestSmsc.Text reply(String msisdn, int index) throws Exception {
    TestSmsc.Text t = smsc.awaitTexts(index + 1, 15_000).get(index);
    if (!t.destination().equals(msisdn.replace("+", ""))) {
      throw new AssertionError("message " + index + " went to " + t.destination() + ", not " + msisdn + ": " + t.text());
    }
    return t;
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
    await(what, ms, condition, () -> "");
  }

  /** As {@link #await(String, long, BooleanSupplier)}; a timeout also tells {@code state}, to say what was seen instead. */
  public static void await(String what, long ms, BooleanSupplier condition, java.util.function.Supplier<String> state)
      throws InterruptedException {
    long end = System.currentTimeMillis() + ms;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > end) {
        String seen = state.get();
        throw new AssertionError("timed out waiting for " + what + (seen.isEmpty() ? "" : "; seen: " + seen));
      }
      Thread.sleep(20);
    }
  }

  /**
   * Checks that every message the API accepted is in the store, in a known state, with what that
   * state needs (a submitted or delivered message has a row per part, every part of a delivered one
   * receipted delivered; a queued one none; a failed, expired, rejected or cancelled one an event or
   * a part's receipt saying so; no event older than the message, none for the steps its history
   * reads from its parts); returns the count per state. Nothing accepted is lost.
   */
  public Map<String, Long> accountFor(java.util.Collection<String> accepted) throws SQLException {
    Map<String, Map<String, Object>> byId = new HashMap<>();
    for (Map<String, Object> row : query("SELECT m.id, m.state, m.parts,"
        + " (SELECT COUNT(*) FROM message_parts p WHERE p.message_id = m.id AND p.part > 0) AS part_rows,"
        + " (SELECT COUNT(*) FROM message_parts p WHERE p.message_id = m.id AND p.part > 0"
        + "   AND p.state = m.state AND p.receipt_at IS NOT NULL) AS receipted_like_message,"
        + " (SELECT COUNT(*) FROM message_events e WHERE e.message_id = m.id AND e.state = m.state) AS final_events,"
        + " (SELECT COUNT(*) FROM message_events e WHERE e.message_id = m.id"
        + "   AND e.state IN ('submitted', 'delivered')) AS routine_events,"
        + " (SELECT MIN(at) FROM message_events e WHERE e.message_id = m.id) AS first_event_at, m.created_at"
        + " FROM messages m")) {
      byId.put((String) row.get("id"), row);
    }
    Map<String, Long> states = new java.util.TreeMap<>();
    for (String id : accepted) {
      Map<String, Object> row = byId.get(id);
      if (row == null) {
        throw new AssertionError("message " + id + " was accepted (202) and is not in the store: lost");
      }
      String state = (String) row.get("state");
      long partRows = ((Number) row.get("part_rows")).longValue();
      Object firstEvent = row.get("first_event_at");
      if (firstEvent != null && ((Number) firstEvent).longValue() < ((Number) row.get("created_at")).longValue()) {
        throw new AssertionError("message " + id + " has an event from before it was created");
      }
      if (((Number) row.get("routine_events")).longValue() != 0) {
        throw new AssertionError("message " + id + " has a submitted or delivered event: the history reads those"
            + " from its parts");
      }
      long receiptedLikeMessage = ((Number) row.get("receipted_like_message")).longValue();
      switch (state) {
        case "queued" -> {
          if (partRows != 0) {
            throw new AssertionError("message " + id + " is queued with submitted parts");
          }
        }
        case "submitted", "delivered" -> {
          if (partRows == 0 || partRows != ((Number) row.get("parts")).longValue()) {
            throw new AssertionError("message " + id + " is " + state + " with " + partRows + " parts recorded of "
                + row.get("parts"));
          }
          if (state.equals("delivered") && receiptedLikeMessage != partRows) {
            throw new AssertionError("message " + id + " is delivered with " + receiptedLikeMessage + " of "
                + partRows + " parts receipted delivered");
          }
        }
        case "failed", "expired", "rejected", "cancelled" -> {
          // Its history tells why: an event of that state, or a part whose receipt settled it.
          if (((Number) row.get("final_events")).longValue() == 0 && receiptedLikeMessage == 0) {
            throw new AssertionError("message " + id + " is " + state + " with neither an event nor a receipt"
                + " saying so");
          }
        }
        default -> throw new AssertionError("message " + id + " in an unknown state " + state);
      }
      states.merge(state, 1L, Long::sum);
    }
    return states;
  }

  @Override
  public void close() throws Exception {
    gateway.close();
    smsc.close();
    peers.close().await(10, TimeUnit.SECONDS);
  }
}
