package org.relais.sms.smpp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.relais.sms.InvalidSettingException;

/**
 * Destination prefix → bind groups, longest prefix first. Without routes every number goes to the
 * groups in the order their first bind is configured, so the first group is preferred and the
 * others take over while it is down.
 */
public final class RouteTable {

  private final List<Route> routes;

  private RouteTable(List<Route> routes) {
    this.routes = routes;
  }

  /** Checks that every route names known groups, and sorts them for lookup. */
  public static RouteTable of(List<Route> routes, List<BindConfig> binds) {
    Set<String> groups = new LinkedHashSet<>();
    binds.forEach(b -> groups.add(b.group()));
    List<Route> checked = new ArrayList<>();
    if (routes == null || routes.isEmpty()) {
      checked.add(new Route("", List.copyOf(groups)));
    } else {
      for (int i = 0; i < routes.size(); i++) {
        Route route = routes.get(i);
        for (String group : route.groups()) {
          if (!groups.contains(group)) {
            throw new InvalidSettingException("routes[" + i + "].groups", group, "a group of a bind: one of " + groups);
          }
        }
        if (checked.stream().anyMatch(r -> r.digits().equals(route.digits()))) {
          throw new InvalidSettingException("routes[" + i + "].prefix", route.prefix(), "a prefix no other route has");
        }
        checked.add(route);
      }
    }
    checked.sort(Comparator.comparingInt((Route r) -> r.digits().length()).reversed());
    return new RouteTable(List.copyOf(checked));
  }

  /** The groups for a destination, preferred first; empty when no route covers it. */
  public Optional<List<String>> groupsFor(String destination) {
    String digits = digits(destination);
    for (Route route : routes) {
      if (digits.startsWith(route.digits())) {
        return Optional.of(route.groups());
      }
    }
    return Optional.empty();
  }

  /** A number as digits: '+' and a leading international '00' dropped. */
  static String digits(String number) {
    String n = number == null ? "" : number.trim();
    if (n.startsWith("+")) {
      return n.substring(1);
    }
    return n.startsWith("00") ? n.substring(2) : n;
  }
}
