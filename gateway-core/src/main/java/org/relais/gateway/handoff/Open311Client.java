package org.relais.gateway.handoff;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.relais.gateway.cases.CaseRecord;
import org.relais.gateway.config.CasesConfig;
import org.relais.gateway.config.CoreConfig;

/**
 * The Open311 GeoReport v2 contract: {@code POST requests.json} (form-encoded; service_code from
 * the case's category) answered by a service_request_id or a token resolved later through
 * {@code tokens/{token}.json}; errors as the spec's array of {code, description}; status updates
 * read from {@code servicerequestupdates.json} (the FixMyStreet extension). Servers in the wild
 * send ids as numbers or strings and booleans as strings; both are read. Open311 has no
 * idempotency key: the case id travels as {@code attribute[relais_case_id]}, and a 400 that says
 * the request is a duplicate means the server already has it.
 */
public final class Open311Client implements CoreClient {

  /** A status update from servicerequestupdates.json. */
  public record Update(String updateId, String serviceRequestId, String status, String description, Instant at) {}

  /** A service from services.json. */
  public record Service(String code, String name, boolean metadata) {}

  private static final int MAX_DESCRIPTION = 4000;
  private static final Pattern DUPLICATE = Pattern.compile("(?i)duplicate");
  private static final Pattern ID_IN_TEXT = Pattern.compile("(\\d{3,})");
  private static final DateTimeFormatter W3C = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.UTC);

  private final WebClient client;
  private final CoreConfig config;
  private final CasesConfig cases;

  public Open311Client(Vertx vertx, CoreConfig config, CasesConfig cases) {
    this.config = config;
    this.cases = cases;
    this.client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true)
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.timeout().toMillis())).setUserAgent("Relais"));
  }

  @Override
  public Future<CoreReceipt> submit(CaseRecord record) {
    return request(client.postAbs(config.baseUrl() + "/requests.json"))
        .sendForm(form(record))
        .recover(e -> Future.failedFuture(new CoreException("core unreachable: " + e.getMessage(), 0, true)))
        .compose(this::receipt);
  }

  /** The form of a request: service_code, description, phone, media_url, and the case id as an attribute. */
  MultiMap form(CaseRecord record) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap();
    if (!config.apiKey().isEmpty()) {
      form.add("api_key", config.apiKey());
    }
    if (!config.jurisdictionId().isEmpty()) {
      form.add("jurisdiction_id", config.jurisdictionId());
    }
    form.add("service_code", serviceCode(record.request().category()));
    String description = record.request().description();
    form.add("description", description.length() > MAX_DESCRIPTION ? description.substring(0, MAX_DESCRIPTION) : description);
    if (record.request().msisdn() != null) {
      form.add("phone", record.request().msisdn());
    }
    String recording = record.request().recording();
    if (recording != null && (recording.startsWith("http://") || recording.startsWith("https://"))) {
      form.add("media_url", recording);
    }
    form.add("attribute[relais_case_id]", record.id());
    form.add("attribute[tracking_number]", record.trackingNumber());
    form.add("attribute[channel]", record.request().channel().label());
    return form;
  }

  private String serviceCode(String category) {
    return cases.category(category).map(c -> c.serviceCode()).filter(s -> s != null && !s.isBlank())
        .orElse(config.defaultServiceCode());
  }

  private Future<CoreReceipt> receipt(HttpResponse<Buffer> response) {
    int status = response.statusCode();
    Object body = parse(response);
    JsonObject first = first(body);
    if (status == 200 || status == 201) {
      String id = text(first, "service_request_id");
      String token = text(first, "token");
      if (id == null && token == null) {
        return Future.failedFuture(new CoreException("Open311 answered " + status
            + " without service_request_id or token", status, true));
      }
      return Future.succeededFuture(new CoreReceipt(id, id == null ? token : null, null, null));
    }
    String description = first == null ? String.valueOf(response.bodyAsString()) : text(first, "description");
    if (status == 400 && description != null && DUPLICATE.matcher(description).find()) {
      Matcher m = ID_IN_TEXT.matcher(description);
      return Future.succeededFuture(CoreReceipt.id(m.find() ? m.group(1) : null, null, null));
    }
    String detail = description == null ? "" : description;
    return Future.failedFuture(new CoreException("Open311 answered " + status + ": "
        + (detail.length() > 200 ? detail.substring(0, 200) : detail), status, CoreException.isRetryable(status)));
  }

  /** The service_request_id a token became, once the server assigned one. */
  public Future<Optional<String>> resolveToken(String token) {
    return request(client.getAbs(config.baseUrl() + "/tokens/" + URLEncoder.encode(token, StandardCharsets.UTF_8)
            + ".json" + query()))
        .send()
        .map(r -> r.statusCode() == 200 ? Optional.ofNullable(text(first(parse(r)), "service_request_id"))
            : Optional.<String>empty());
  }

  /** Status updates between two instants, oldest first. */
  public Future<List<Update>> updates(Instant from, Instant to) {
    String url = config.baseUrl() + "/servicerequestupdates.json?start_date=" + encode(W3C.format(from))
        + "&end_date=" + encode(W3C.format(to)) + (config.apiKey().isEmpty() ? "" : "&api_key=" + encode(config.apiKey()))
        + (config.jurisdictionId().isEmpty() ? "" : "&jurisdiction_id=" + encode(config.jurisdictionId()));
    return request(client.getAbs(url)).send().compose(r -> {
      if (r.statusCode() != 200) {
        return Future.failedFuture(new CoreException("Open311 updates answered " + r.statusCode(), r.statusCode(), true));
      }
      List<Update> updates = new ArrayList<>();
      for (Object item : list(parse(r), "service_request_updates", "request_updates")) {
        if (item instanceof JsonObject u && text(u, "service_request_id") != null && text(u, "status") != null) {
          Instant at = RelaisJsonClient.instant(u.getValue("updated_datetime"));
          updates.add(new Update(text(u, "update_id"), text(u, "service_request_id"), text(u, "status"),
              text(u, "description"), at == null ? Instant.now() : at));
        }
      }
      updates.sort(java.util.Comparator.comparing(Update::at));
      return Future.succeededFuture(updates);
    });
  }

  /** The services the server offers (booleans such as metadata may come as strings). */
  public Future<List<Service>> services() {
    return request(client.getAbs(config.baseUrl() + "/services.json" + query())).send().compose(r -> {
      if (r.statusCode() != 200) {
        return Future.failedFuture(new CoreException("Open311 services answered " + r.statusCode(), r.statusCode(), true));
      }
      List<Service> services = new ArrayList<>();
      for (Object item : list(parse(r), "services")) {
        if (item instanceof JsonObject s && text(s, "service_code") != null) {
          services.add(new Service(text(s, "service_code"), text(s, "service_name"), bool(s.getValue("metadata"))));
        }
      }
      return Future.succeededFuture(services);
    });
  }

  @Override
  public Future<Boolean> probe() {
    return request(client.getAbs(config.baseUrl() + "/services.json" + query())).send().map(r -> true).otherwise(false);
  }

  private HttpRequest<Buffer> request(HttpRequest<Buffer> request) {
    return request.timeout(config.timeout().toMillis()).putHeader("Accept", "application/json");
  }

  private String query() {
    List<String> params = new ArrayList<>();
    if (!config.jurisdictionId().isEmpty()) {
      params.add("jurisdiction_id=" + encode(config.jurisdictionId()));
    }
    return params.isEmpty() ? "" : "?" + String.join("&", params);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static Object parse(HttpResponse<Buffer> response) {
    try {
      return response.body() == null || response.body().length() == 0 ? null : io.vertx.core.json.Json.decodeValue(response.body());
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static JsonObject first(Object body) {
    if (body instanceof JsonArray array && !array.isEmpty() && array.getValue(0) instanceof JsonObject o) {
      return o;
    }
    return body instanceof JsonObject o ? o : null;
  }

  private static List<Object> list(Object body, String... wrappers) {
    if (body instanceof JsonArray array) {
      return array.getList().stream().map(i -> i instanceof java.util.Map<?, ?> m
          ? new JsonObject(castMap(m)) : i).toList();
    }
    if (body instanceof JsonObject o) {
      for (String wrapper : wrappers) {
        if (o.getValue(wrapper) instanceof JsonArray array) {
          return list(array);
        }
      }
    }
    return List.of();
  }

  @SuppressWarnings("unchecked")
  private static java.util.Map<String, Object> castMap(java.util.Map<?, ?> m) {
    return (java.util.Map<String, Object>) m;
  }

  /** A value as text: ids come as strings or numbers. */
  static String text(JsonObject o, String key) {
    if (o == null) {
      return null;
    }
    Object v = o.getValue(key);
    if (v == null || v instanceof JsonObject || v instanceof JsonArray) {
      return null;
    }
    String s = v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) ? String.valueOf(n.longValue())
        : String.valueOf(v);
    return s.isBlank() ? null : s;
  }

  /** A boolean sent as true/false or as "true"/"false" (or "1"/"0"). */
  static boolean bool(Object v) {
    if (v instanceof Boolean b) {
      return b;
    }
    String s = v == null ? "" : String.valueOf(v).trim();
    return s.equalsIgnoreCase("true") || s.equals("1");
  }
}
