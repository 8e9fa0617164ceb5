package org.relais.gateway.api;

import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.relais.gateway.subscribers.Channel;
import org.relais.gateway.subscribers.Consent;
import org.relais.gateway.subscribers.OptOuts;
import org.relais.gateway.subscribers.PhoneNumbers;
import org.relais.gateway.subscribers.Subscriber;
import org.relais.gateway.subscribers.SubscriberStore;

/**
 * {@code PUT|GET|DELETE /api/v1/subscribers/{msisdn}} and {@code POST /api/v1/subscribers/import}
 * (NDJSON, one subscriber per line): the language, zones, place, channels, consents and tester
 * mark of a number. A PUT replaces the profile; the opt-out (STOP/START by SMS) is kept.
 */
final class SubscribersApi {

  private static final int IMPORT_CHUNK = 1_000;
  private static final int MAX_ZONES = 50;

  private final SubscriberStore store;
  private final OptOuts optOuts;
  private final List<String> languages;
  private final List<String> zones;

  SubscribersApi(SubscriberStore store, OptOuts optOuts, List<String> languages, List<String> zones) {
    this.store = store;
    this.optOuts = optOuts;
    this.languages = List.copyOf(languages);
    this.zones = List.copyOf(zones);
  }

  void put(RoutingContext ctx) {
    String msisdn = msisdn(ctx.pathParam("msisdn"));
    Subscriber s = read(msisdn, Json.body(ctx), "");
    store.saveAll(List.of(s)).compose(n -> store.find(msisdn))
        .onSuccess(found -> {
          optOuts.apply(msisdn, found);
          Json.send(ctx, 200, json(found.orElseThrow()));
        })
        .onFailure(ctx::fail);
  }

  void get(RoutingContext ctx) {
    String msisdn = msisdn(ctx.pathParam("msisdn"));
    store.find(msisdn).onSuccess(found -> {
      if (found.isEmpty()) {
        ctx.fail(ApiError.notFound("subscriber"));
      } else {
        Json.send(ctx, 200, json(found.get()));
      }
    }).onFailure(ctx::fail);
  }

  void delete(RoutingContext ctx) {
    String msisdn = msisdn(ctx.pathParam("msisdn"));
    store.delete(msisdn).onSuccess(known -> {
      optOuts.apply(msisdn, Optional.empty());
      if (known) {
        ctx.response().setStatusCode(204).end();
      } else {
        ctx.fail(ApiError.notFound("subscriber"));
      }
    }).onFailure(ctx::fail);
  }

  /** Reads every line, saves the valid ones in chunks (one transaction each) and lists the others by line number. */
  void importNdjson(RoutingContext ctx) {
    String text = ctx.body().buffer() == null ? "" : ctx.body().buffer().toString(StandardCharsets.UTF_8);
    List<Subscriber> valid = new ArrayList<>();
    JsonArray failed = new JsonArray();
    String[] lines = text.split("\r?\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      try {
        Object parsed = io.vertx.core.json.Json.decodeValue(line);
        if (!(parsed instanceof JsonObject o)) {
          throw ApiError.badRequest("invalid_json", "each line must be a JSON object");
        }
        valid.add(read(msisdn(Json.text(o, "msisdn")), o, ""));
      } catch (ApiError e) {
        failed.add(new JsonObject().put("line", i + 1).mergeIn(e.body().getJsonObject("error")));
      } catch (DecodeException e) {
        failed.add(new JsonObject().put("line", i + 1).put("code", "invalid_json").put("message", "not valid JSON"));
      }
    }
    Future<Integer> chain = Future.succeededFuture(0);
    for (int from = 0; from < valid.size(); from += IMPORT_CHUNK) {
      List<Subscriber> chunk = valid.subList(from, Math.min(valid.size(), from + IMPORT_CHUNK));
      chain = chain.compose(n -> store.saveAll(chunk).map(m -> n + m));
    }
    chain.compose(n -> optOuts.load().map(n)).onSuccess(n -> Json.send(ctx, 200,
            new JsonObject().put("imported", n).put("failed", failed)))
        .onFailure(ctx::fail);
  }

  private static String msisdn(String raw) {
    return PhoneNumbers.normalize(raw).orElseThrow(() -> ApiError.invalid("msisdn",
        "msisdn must be a phone number (E.164 with '+', or national digits)"));
  }

  /** A profile from a JSON object; {@code at} prefixes field names in errors. */
  private Subscriber read(String msisdn, JsonObject o, String at) {
    String language = Json.text(o, "language");
    if (language != null) {
      language = language.trim().toLowerCase(Locale.ROOT);
      if (!languages.contains(language)) {
        throw ApiError.invalid(at + "language", "language must be one of " + languages);
      }
    }
    List<String> zoneList = new ArrayList<>();
    for (String z : strings(o, "zones", at)) {
      String zone = z.trim().toLowerCase(Locale.ROOT);
      if (!zone.matches("[\\p{L}0-9_-]{1,40}") || (!zones.isEmpty() && !zones.contains(zone))) {
        throw ApiError.invalid(at + "zones", "zone '" + z + "' is not " + (zones.isEmpty()
            ? "a word of letters, digits, - or _" : "one of sms.zones " + zones));
      }
      zoneList.add(zone);
    }
    if (zoneList.size() > MAX_ZONES) {
      throw ApiError.invalid(at + "zones", "at most " + MAX_ZONES + " zones");
    }
    Set<Channel> channels = EnumSet.noneOf(Channel.class);
    if (o.getValue("channels") == null) {
      channels.add(Channel.SMS);
    }
    for (String c : strings(o, "channels", at)) {
      channels.add(Channel.parse(c).orElseThrow(() -> ApiError.invalid(at + "channels",
          "channel '" + c + "' is not sms or voice")));
    }
    Map<Consent, Boolean> consents = new EnumMap<>(Consent.class);
    Object rawConsents = o.getValue("consents");
    if (rawConsents != null) {
      if (!(rawConsents instanceof JsonObject c)) {
        throw ApiError.invalid(at + "consents", "consents must be an object such as {\"alerts\": true}");
      }
      for (String key : c.fieldNames()) {
        Consent k = Consent.parse(key).orElseThrow(() -> ApiError.invalid(at + "consents." + key,
            "consent categories are alerts, bills and case_status"));
        Object v = c.getValue(key);
        if (v != null && !(v instanceof Boolean)) {
          throw ApiError.invalid(at + "consents." + key, "a consent is true, false or null");
        }
        if (v != null) {
          consents.put(k, (Boolean) v);
        }
      }
    }
    Object tester = o.getValue("tester");
    if (tester != null && !(tester instanceof Boolean)) {
      throw ApiError.invalid(at + "tester", "tester must be true or false");
    }
    return new Subscriber(msisdn, language, zoneList, place(o, at), channels, consents, Boolean.TRUE.equals(tester),
        false, null);
  }

  private static Subscriber.Place place(JsonObject o, String at) {
    Object raw = o.getValue("location");
    if (raw == null) {
      return null;
    }
    if (!(raw instanceof JsonObject l)) {
      throw ApiError.invalid(at + "location", "location must be an object {\"lat\": 36.8, \"long\": 10.18}");
    }
    Object lat = l.getValue("lat");
    Object lon = l.getValue("long") != null ? l.getValue("long") : l.getValue("lon");
    if (!(lat instanceof Number la) || !(lon instanceof Number lo)) {
      throw ApiError.invalid(at + "location", "location needs numbers lat and long (WGS 84 degrees)");
    }
    try {
      return new Subscriber.Place(la.doubleValue(), lo.doubleValue());
    } catch (IllegalArgumentException e) {
      throw ApiError.invalid(at + "location", "location: " + e.getMessage());
    }
  }

  private static List<String> strings(JsonObject o, String field, String at) {
    Object v = o.getValue(field);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof JsonArray a) || a.stream().anyMatch(x -> !(x instanceof String))) {
      throw ApiError.invalid(at + field, field + " must be an array of strings");
    }
    return a.stream().map(String.class::cast).toList();
  }

  static JsonObject json(Subscriber s) {
    JsonObject consents = new JsonObject();
    for (Consent k : Consent.values()) {
      consents.put(k.label(), s.consents().get(k));
    }
    JsonObject o = new JsonObject().put("msisdn", s.msisdn()).put("language", s.language())
        .put("zones", new JsonArray(s.zones()))
        .put("location", s.place() == null ? null
            : new JsonObject().put("lat", s.place().lat()).put("long", s.place().lon()))
        .put("channels", new JsonArray(s.channels().stream().sorted().map(Channel::label).toList()))
        .put("consents", consents).put("tester", s.tester()).put("opted_out", s.optedOut())
        .put("updated_at", Json.time(s.updatedAt()));
    return o;
  }
}
