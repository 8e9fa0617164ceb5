package org.relais.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.relais.gateway.TestGateway;

/**
 * Who may call what: every route but {@code /health} needs a bearer token (401 without one or with
 * an unknown one) and one of the roles its row below names (403 otherwise; admin passes
 * everywhere); bodies are bounded; each token is rate limited; refusals echo no secret.
 */
@Timeout(60)
class ApiSecurityTest {

  /** Each route of the API and the roles besides admin that may call it; a new route needs its row. */
  static final Map<String, Set<String>> ROLES = Map.ofEntries(
      Map.entry("GET /metrics", Set.of("sender", "core")),
      Map.entry("POST /api/v1/messages", Set.of("sender")),
      Map.entry("GET /api/v1/messages/:id", Set.of("sender")),
      Map.entry("GET /api/v1/cases", Set.of()),
      Map.entry("GET /api/v1/cases/:ref", Set.of("core")),
      Map.entry("POST /api/v1/cases/:ref/status", Set.of("core")),
      Map.entry("POST /api/v1/cases/:ref/handoff/retry", Set.of()),
      Map.entry("GET /api/v1/indicators", Set.of()),
      Map.entry("POST /api/v1/batches", Set.of("sender")),
      Map.entry("GET /api/v1/batches/:id", Set.of("sender")),
      Map.entry("DELETE /api/v1/batches/:id", Set.of("sender")),
      Map.entry("POST /api/v1/consumption", Set.of("sender")),
      Map.entry("POST /api/v1/subscribers/import", Set.of("alerter")),
      Map.entry("PUT /api/v1/subscribers/:msisdn", Set.of("alerter")),
      Map.entry("GET /api/v1/subscribers/:msisdn", Set.of("alerter")),
      Map.entry("DELETE /api/v1/subscribers/:msisdn", Set.of("alerter")),
      Map.entry("POST /api/v1/alerts", Set.of("alerter")),
      Map.entry("GET /api/v1/alerts/:id", Set.of("alerter")),
      Map.entry("POST /api/v1/alerts/:id/cancel", Set.of("alerter")),
      Map.entry("GET /api/v1/alerts/:id/calls", Set.of("alerter")));

  private static final Map<String, String> TOKENS = Map.of(
      "admin", TestGateway.ADMIN, "sender", TestGateway.SENDER, "core", TestGateway.CORE);

  @TempDir
  Path dir;
  private TestGateway relais;

  @AfterEach
  void stop() throws Exception {
    if (relais != null) {
      relais.close();
    }
  }

  @Test
  void shouldAnswer401OnEveryRouteButHealthWithoutAKnownToken() throws Exception {
    relais = TestGateway.start(dir);
    List<String> routes = relais.gateway.api().routes();
    assertThat(routes).contains("GET /health");
    for (String route : routes) {
      if (route.equals("GET /health")) {
        continue;
      }
      assertThat(ROLES).as("the roles of " + route + " are written in ApiSecurityTest.ROLES").containsKey(route);
      for (String token : new String[] {null, "not-a-known-token", TestGateway.ADMIN + "x",
          TestGateway.ADMIN.substring(1)}) {
        HttpResponse<String> r = call(route, "Bearer", token);
        assertThat(r.statusCode()).as(route + " with " + token).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).as(route).contains("Bearer realm=\"relais\"");
        assertThat(TestGateway.json(r).getJsonObject("error").getString("code")).isEqualTo("unauthorized");
        if (token != null) {
          assertThat(r.body()).as("a refusal does not echo the token").doesNotContain(token);
        }
      }
      assertThat(call(route, "Basic", TestGateway.ADMIN).statusCode()).as(route + " with Basic").isEqualTo(401);
    }
    assertThat(relais.api("GET", "/health", null, null).statusCode()).isEqualTo(200);
    assertThat(relais.query("SELECT id FROM messages")).isEmpty();
  }

  @Test
  void shouldLetEachRoleOnlyWhereItsRowSays() throws Exception {
    relais = TestGateway.start(dir);
    for (Map.Entry<String, Set<String>> row : ROLES.entrySet()) {
      for (Map.Entry<String, String> token : TOKENS.entrySet()) {
        boolean allowed = token.getKey().equals("admin") || row.getValue().contains(token.getKey());
        HttpResponse<String> r = call(row.getKey(), "Bearer", token.getValue());
        if (allowed) {
          assertThat(r.statusCode()).as(row.getKey() + " as " + token.getKey()).isNotIn(401, 403, 429, 500);
        } else {
          assertThat(r.statusCode()).as(row.getKey() + " as " + token.getKey()).isEqualTo(403);
          assertThat(TestGateway.json(r).getJsonObject("error").getString("code")).isEqualTo("forbidden");
        }
      }
    }
    assertThat(relais.query("SELECT id FROM messages")).as("{} is not a message").isEmpty();
  }

  @Test
  void shouldRefuseABodyOverTheLimitWhetherItsLengthIsSaidOrNot() throws Exception {
    relais = TestGateway.start(dir, Map.of("RELAIS_HTTP_MAX_BODY_KB", "1"));
    String big = "{\"to\":\"+21620123456\",\"text\":\"" + "a".repeat(1500) + "\"}";
    HttpResponse<String> sized = relais.api("POST", "/api/v1/messages", TestGateway.SENDER, big);
    assertThat(sized.statusCode()).isEqualTo(413);
    assertThat(TestGateway.json(sized).getJsonObject("error").getString("code")).isEqualTo("body_too_large");

    HttpRequest chunked = HttpRequest.newBuilder(uri("/api/v1/messages"))
        .header("Authorization", "Bearer " + TestGateway.SENDER).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes()))).build();
    HttpResponse<String> streamed = HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString());
    assertThat(streamed.statusCode()).as("chunked, no Content-Length").isEqualTo(413);

    assertThat(relais.api("POST", "/api/v1/messages", TestGateway.SENDER,
        "{\"to\":\"+21620123456\",\"text\":\"court\"}").statusCode()).isEqualTo(202);
    assertThat(relais.query("SELECT id FROM messages")).hasSize(1);
  }

  @Test
  void shouldAnswer429WithRetryAfterToATokenOverItsRateAndLeaveTheOthersAlone() throws Exception {
    relais = TestGateway.start(dir, Map.of("RELAIS_API_RATE_PER_SECOND", "1", "RELAIS_API_RATE_BURST", "3"));
    for (int i = 0; i < 3; i++) {
      assertThat(relais.api("GET", "/api/v1/messages/msg_none", TestGateway.SENDER, null).statusCode()).isEqualTo(404);
    }
    HttpResponse<String> limited = relais.api("GET", "/api/v1/messages/msg_none", TestGateway.SENDER, null);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).contains("1");
    assertThat(TestGateway.json(limited).getJsonObject("error").getString("code")).isEqualTo("rate_limited");
    assertThat(relais.api("GET", "/api/v1/messages/msg_none", TestGateway.ADMIN, null).statusCode())
        .as("another token has its own bucket").isEqualTo(404);
    assertThat(relais.api("GET", "/health", null, null).statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> call(String route, String scheme, String token) throws Exception {
    String method = route.substring(0, route.indexOf(' '));
    String path = route.substring(route.indexOf(' ') + 1).replaceAll(":[a-z]+", "X-1");
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
        .method(method.equals("ANY") ? "GET" : method, method.equals("POST")
            ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody())
        .header("Content-Type", "application/json");
    if (token != null) {
      b.header("Authorization", scheme + " " + token);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + relais.gateway.httpPort() + path);
  }
}
