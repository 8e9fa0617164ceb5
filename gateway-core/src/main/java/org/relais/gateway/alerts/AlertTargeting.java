package org.relais.gateway.alerts;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.relais.gateway.alerts.cap.CapAlert;
import org.relais.gateway.alerts.cap.CapArea;
import org.relais.gateway.alerts.cap.CapInfo;
import org.relais.gateway.alerts.cap.Shape;
import org.relais.gateway.subscribers.SubscriberStore;
import org.relais.gateway.subscribers.SubscriberStore.Reachable;

/**
 * Finds who an alert reaches: for each info's areas, the subscribers whose place is inside a
 * polygon or circle (the store's R*Tree gives those in the shape's box, the exact test is done
 * here) or whose zone is the value of a geocode. A subscriber found by several infos gets the one
 * in their language. Infos with the same areas are searched once.
 */
public final class AlertTargeting {

  /** Widens a box a little: the R*Tree keeps 32-bit coordinates, which may round a point just outside. */
  private static final double MARGIN = 1e-4;

  private final SubscriberStore subscribers;
  private final AlertTexts texts;

  public AlertTargeting(SubscriberStore subscribers, AlertTexts texts) {
    this.subscribers = subscribers;
    this.texts = texts;
  }

  /** A subscriber reached, with the info they get. */
  public record Target(Reachable who, CapInfo info) {}

  /** Everyone the alert reaches, in a stable order (by number). */
  public Future<List<Target>> targets(CapAlert alert) {
    Map<List<CapArea>, List<CapInfo>> byAreas = new LinkedHashMap<>();
    for (CapInfo info : alert.infos()) {
      byAreas.computeIfAbsent(info.areas(), k -> new ArrayList<>()).add(info);
    }
    List<Future<Map<String, Reachable>>> searches = new ArrayList<>();
    List<List<CapInfo>> groups = new ArrayList<>(byAreas.values());
    for (List<CapArea> areas : byAreas.keySet()) {
      searches.add(inAreas(areas, alert.forTestersOnly()));
    }
    return Future.all(searches).compose(all -> offLoop(() -> {
      Map<String, Reachable> who = new HashMap<>();
      Map<String, List<CapInfo>> infos = new HashMap<>();
      for (int g = 0; g < groups.size(); g++) {
        Map<String, Reachable> found = all.resultAt(g);
        for (Map.Entry<String, Reachable> e : found.entrySet()) {
          who.putIfAbsent(e.getKey(), e.getValue());
          if (groups.size() > 1) {
            infos.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).addAll(groups.get(g));
          }
        }
      }
      List<Target> out = new ArrayList<>(who.size());
      for (Reachable r : who.values()) {
        List<CapInfo> candidates = groups.size() > 1 ? infos.get(r.msisdn()) : groups.getFirst();
        out.add(new Target(r, texts.pick(candidates, r.language())));
      }
      out.sort((a, b) -> a.who().msisdn().compareTo(b.who().msisdn()));
      return out;
    }));
  }

  /** Runs CPU work over many recipients on a worker rather than on the event loop that asked. */
  static <T> Future<T> offLoop(java.util.concurrent.Callable<T> work) {
    io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
    if (context == null) {
      try {
        return Future.succeededFuture(work.call());
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
    }
    return context.executeBlocking(work, false);
  }

  private Future<Map<String, Reachable>> inAreas(List<CapArea> areas, boolean testersOnly) {
    List<Future<List<Reachable>>> parts = new ArrayList<>();
    List<Shape> shapes = new ArrayList<>();
    List<String> zones = new ArrayList<>();
    for (CapArea area : areas) {
      for (Shape shape : area.shapes()) {
        double[] b = shape.bounds();
        shapes.add(shape);
        parts.add(subscribers.reachableIn(b[0] - MARGIN, b[1] + MARGIN, b[2] - MARGIN, b[3] + MARGIN, testersOnly));
      }
      area.geocodes().forEach(g -> zones.add(g.value().trim().toLowerCase(Locale.ROOT)));
    }
    if (!zones.isEmpty()) {
      parts.add(subscribers.reachableInZones(zones, testersOnly));
    }
    return Future.all(parts).compose(all -> offLoop(() -> {
      Map<String, Reachable> found = new HashMap<>();
      for (int i = 0; i < parts.size(); i++) {
        List<Reachable> list = all.resultAt(i);
        Shape shape = i < shapes.size() ? shapes.get(i) : null;
        for (Reachable r : list) {
          if (shape == null || shape.contains(r.lat(), r.lon())) {
            found.putIfAbsent(r.msisdn(), r);
          }
        }
      }
      return found;
    }));
  }
}
